// Name and role lists for the generated company directory. First and last names avoid everyday
// words so that a full name in a message is never mistaken for anything else.

export const firstNames = [
  'Alex', 'Dana', 'Priya', 'Marcus', 'Elena', 'Tomas', 'Aisha', 'Kenji', 'Sofia', 'Liam',
  'Noor', 'Mateo', 'Hannah', 'Omar', 'Grace', 'Ravi', 'Chloe', 'Diego', 'Ingrid', 'Jonas',
  'Keiko', 'Lucas', 'Mira', 'Nadia', 'Oscar', 'Paula', 'Quentin', 'Rosa', 'Samir', 'Tara',
  'Uma', 'Victor', 'Wen', 'Yara', 'Zoe', 'Benedikt', 'Carla', 'Erik', 'Fatima', 'Gabriel',
  'Helena', 'Ivan', 'Julia', 'Kofi', 'Leila', 'Mohammed', 'Nina', 'Olga', 'Pedro', 'Rania',
];

export const lastNames = [
  'Smith', 'Kim', 'Patel', 'Johnson', 'Garcia', 'Nguyen', 'Okafor', 'Rossi', 'Schmidt', 'Tanaka',
  'Silva', 'Cohen', 'Novak', 'Larsen', 'Dubois', 'Murphy', 'Haddad', 'Kowalski', 'Ivanova', 'Mendes',
  'Fischer', 'Andersen', 'Moreau', 'Yilmaz', 'Costa', 'Brennan', 'Sato', 'Hughes', 'Reyes', 'Weber',
  'Lindqvist', 'Bauer', 'Castillo', 'Ortega', 'Nakamura', 'Petrov', 'Kaur', 'Adeyemi', 'Walsh', 'Romano',
  'Duarte', 'Horvat', 'Berg', 'Varga', 'Fontaine', 'Kapoor', 'Mensah', 'Quinn', 'Sorensen', 'Zhang',
];

export const departments: ReadonlyArray<{ name: string; size: number; titles: string[]; managerTitle: string }> = [
  { name: 'Engineering', size: 50, titles: ['Software Engineer', 'Senior Software Engineer', 'Staff Engineer', 'QA Engineer'], managerTitle: 'Engineering Manager' },
  { name: 'IT', size: 30, titles: ['Service Desk Analyst', 'Systems Administrator', 'Network Engineer', 'Security Analyst'], managerTitle: 'IT Manager' },
  { name: 'Sales', size: 30, titles: ['Account Executive', 'Sales Development Representative', 'Solutions Consultant'], managerTitle: 'Sales Manager' },
  { name: 'Operations', size: 25, titles: ['Operations Analyst', 'Facilities Coordinator', 'Procurement Specialist'], managerTitle: 'Operations Manager' },
  { name: 'Marketing', size: 20, titles: ['Marketing Specialist', 'Content Strategist', 'Product Marketing Manager'], managerTitle: 'Marketing Lead' },
  { name: 'Finance', size: 20, titles: ['Financial Analyst', 'Accountant', 'Payroll Specialist'], managerTitle: 'Finance Manager' },
  { name: 'HR', size: 15, titles: ['HR Business Partner', 'Recruiter', 'People Operations Specialist'], managerTitle: 'HR Manager' },
  { name: 'Legal', size: 10, titles: ['Legal Counsel', 'Paralegal', 'Compliance Officer'], managerTitle: 'General Counsel' },
];

export const locations = ['Berlin', 'London', 'New York', 'Austin', 'Singapore', 'Remote'];

export const ticketTitles = [
  'Laptop does not boot after update', 'VPN disconnects every hour', 'Cannot access the shared finance drive',
  'Outlook crashes when opening attachments', 'Request for a second monitor', 'Printer on floor 3 jams constantly',
  'MFA prompt never arrives', 'Wi-Fi drops in meeting room Atlas', 'Teams calls have no audio',
  'Account locked after password change', 'Need admin rights to install IDE', 'Slow network in the Berlin office',
  'Keyboard keys stuck', 'Calendar invites not syncing to phone', 'Cannot log in to the HR portal',
  'Jira access request for new project', 'Expense tool shows wrong currency', 'Docking station not detected',
  'Phishing email reported', 'Shared mailbox permissions missing', 'Battery drains within two hours',
  'Remote desktop connection refused', 'Software license expired', 'Badge does not open the garage door',
  'Screen flickers on external display', 'Browser blocks the billing dashboard', 'Backup job failed overnight',
  'USB drive not recognised', 'New starter needs accounts', 'Distribution list missing members',
];

export const ticketStatuses = ['New', 'In Progress', 'On Hold', 'Resolved', 'Closed'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];
