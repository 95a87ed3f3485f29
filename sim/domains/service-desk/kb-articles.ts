// Knowledge-base articles. Each answer carries one concrete detail (a client version, a portal
// address, an extension) that background edits change, so a cached answer can go stale.

export interface KbArticleDefinition {
  id: string;
  topic: string;
  /** What a user asks to do: "set up the VPN" (used as "How do I set up the VPN?"). */
  subject: string;
  title: string;
  /** Extra words people use for the topic. */
  keywords: string[];
  /** The answer text for revision `rev` of the article. */
  answer(rev: number): string;
}

const kb = (index: number) => `KB-${String(index).padStart(3, '0')}`;

export const kbArticles: readonly KbArticleDefinition[] = [
  { id: kb(1), topic: 'vpn', subject: 'set up the VPN', title: 'Setting up the VPN client', keywords: ['vpn', 'globalprotect', 'remote', 'tunnel'],
    answer: (rev) => `Install GlobalProtect 6.2.${rev} from the Software Center, connect to vpn.corp.example and approve the MFA prompt.` },
  { id: kb(2), topic: 'wifi', subject: 'connect to the office Wi-Fi', title: 'Connecting to the office Wi-Fi', keywords: ['wifi', 'wi-fi', 'wireless', 'network', 'ssid'],
    answer: (rev) => `Join the CorpNet-${rev + 5} network and sign in with your corp e-mail; guests use the daily code from reception.` },
  { id: kb(3), topic: 'printer', subject: 'install the printer driver', title: 'Installing the printer driver', keywords: ['printer', 'print', 'driver', 'printing'],
    answer: (rev) => `Open the Software Center, install Universal Print Driver 4.${rev}.0 and add the printer named after your floor.` },
  { id: kb(4), topic: 'mfa', subject: 'enroll in multi-factor authentication', title: 'Enrolling in multi-factor authentication', keywords: ['mfa', 'multi-factor', 'authenticator', 'two-factor', '2fa'],
    answer: (rev) => `Go to https://mfa.corp.example/enroll/v${rev + 1}, scan the QR code with the authenticator app and confirm with a test code.` },
  { id: kb(5), topic: 'laptop', subject: 'request a new laptop', title: 'Requesting a new laptop', keywords: ['laptop', 'hardware', 'notebook', 'computer'],
    answer: (rev) => `Submit the hardware form in the IT portal; standard models ship within ${rev + 3} business days after manager approval.` },
  { id: kb(6), topic: 'shared-drive', subject: 'access the shared drive', title: 'Accessing the shared drive', keywords: ['shared', 'drive', 'share', 'files', 'folder'],
    answer: (rev) => `Map \\\\files${rev + 1}.corp.example\\shared in Explorer; request folder access from the folder owner in the IT portal.` },
  { id: kb(7), topic: 'mobile-mail', subject: 'set up email on my phone', title: 'Setting up e-mail on a phone', keywords: ['mobile', 'phone', 'email', 'e-mail', 'outlook', 'smartphone'],
    answer: (rev) => `Install Outlook Mobile, enroll the phone in Intune (policy version ${rev + 2}) and sign in with your corp e-mail.` },
  { id: kb(8), topic: 'meeting-room', subject: 'book a meeting room', title: 'Booking a meeting room', keywords: ['meeting', 'room', 'booking', 'book', 'conference'],
    answer: (rev) => `Use the Rooms tab in Outlook; rooms larger than ${rev + 8} seats need approval from facilities.` },
  { id: kb(9), topic: 'expenses', subject: 'submit an expense report', title: 'Submitting an expense report', keywords: ['expense', 'expenses', 'reimbursement', 'receipt', 'receipts'],
    answer: (rev) => `Upload receipts in Expensely within ${rev + 30} days of purchase and submit the report to your manager for approval.` },
  { id: kb(10), topic: 'software', subject: 'request a software installation', title: 'Requesting software installation', keywords: ['software', 'installation', 'application', 'app', 'license'],
    answer: (rev) => `Search the Software Center first; anything not listed needs a request in the IT portal under category SW-${rev + 10}.` },
  { id: kb(11), topic: 'voicemail', subject: 'change my voicemail PIN', title: 'Changing the voicemail PIN', keywords: ['voicemail', 'pin', 'telephony'],
    answer: (rev) => `Dial extension ${4400 + rev} from your desk phone, choose option 3 and enter a new six-digit PIN.` },
  { id: kb(12), topic: 'visitor', subject: 'get a visitor badge', title: 'Getting a visitor badge', keywords: ['visitor', 'badge', 'guest', 'reception'],
    answer: (rev) => `Register the visitor in the reception app at least ${rev + 2} hours ahead; badges are printed at the front desk.` },
  { id: kb(13), topic: 'usb', subject: 'encrypt a USB stick', title: 'Encrypting a USB stick', keywords: ['usb', 'stick', 'encrypt', 'encryption', 'bitlocker'],
    answer: (rev) => `Right-click the stick, choose BitLocker To Go and use a password of at least ${rev + 12} characters.` },
  { id: kb(14), topic: 'restore', subject: 'recover a deleted file', title: 'Recovering a deleted file', keywords: ['deleted', 'recover', 'restore', 'file', 'undelete'],
    answer: (rev) => `Open the file's folder in OneDrive, choose Recycle bin and restore it; files are kept for ${rev + 90} days.` },
  { id: kb(15), topic: 'display', subject: 'use the conference room display', title: 'Using the conference room display', keywords: ['display', 'screen', 'cast', 'projector', 'hdmi'],
    answer: (rev) => `Press Share on the room panel and enter the code shown on screen; the panel firmware is version 3.${rev}.` },
  { id: kb(16), topic: 'calendar', subject: 'share my calendar', title: 'Sharing your calendar', keywords: ['calendar', 'availability', 'delegate'],
    answer: (rev) => `In Outlook choose Share calendar, add the person and pick a permission level; delegates need calendar policy ${rev + 1}.` },
  { id: kb(17), topic: 'distribution-list', subject: 'create a distribution list', title: 'Creating a distribution list', keywords: ['distribution', 'list', 'mailing', 'group'],
    answer: (rev) => `Request it in the IT portal under Groups; lists with more than ${(rev + 2) * 50} members need HR approval.` },
  { id: kb(18), topic: 'phishing', subject: 'report a phishing email', title: 'Reporting a phishing e-mail', keywords: ['phishing', 'suspicious', 'spam', 'scam'],
    answer: (rev) => `Click Report Phish in Outlook or forward the message to phish${rev + 1}@corp.example, then delete it.` },
  { id: kb(19), topic: 'payroll', subject: 'update my direct deposit details', title: 'Updating direct deposit details', keywords: ['payroll', 'deposit', 'bank', 'salary', 'direct'],
    answer: (rev) => `Change the bank details in Workday before day ${rev + 15} of the month to take effect on the next payslip.` },
  { id: kb(20), topic: 'hr-portal', subject: 'log in to the HR portal', title: 'Logging in to the HR portal', keywords: ['hr', 'portal', 'workday', 'benefits'],
    answer: (rev) => `Open https://hr.corp.example/login${rev + 1} and sign in with single sign-on; first-time users must accept the policy.` },
  { id: kb(21), topic: 'slack', subject: 'configure Slack notifications', title: 'Configuring Slack notifications', keywords: ['slack', 'notifications', 'chat', 'alerts'],
    answer: (rev) => `In Slack open Preferences, Notifications and set a schedule; the corp workspace requires client ${rev + 4}.12 or newer.` },
  { id: kb(22), topic: 'jira', subject: 'get access to Jira', title: 'Getting access to Jira', keywords: ['jira', 'project', 'tracker', 'atlassian'],
    answer: (rev) => `Ask your project lead to add you in Jira; new accounts are synced from the directory every ${rev + 2} hours.` },
  { id: kb(23), topic: 'browser', subject: 'clear the browser cache', title: 'Clearing the browser cache', keywords: ['browser', 'cache', 'cookies', 'chrome', 'edge'],
    answer: (rev) => `Press Ctrl+Shift+Delete, choose All time and clear cached files; managed Chrome is on version 13${rev}.` },
  { id: kb(24), topic: 'out-of-office', subject: 'set an out-of-office reply', title: 'Setting an out-of-office reply', keywords: ['out-of-office', 'vacation', 'auto-reply', 'automatic', 'away'],
    answer: (rev) => `In Outlook open Automatic Replies, set the dates and text; replies to external senders are limited to ${rev + 1} per sender per day.` },
  { id: kb(25), topic: 'remote-desktop', subject: 'connect to the remote desktop', title: 'Connecting to the remote desktop', keywords: ['remote', 'desktop', 'rdp', 'citrix', 'workspace'],
    answer: (rev) => `Open the Remote Desktop app and subscribe to https://rds${rev + 1}.corp.example; you must be on the VPN first.` },
  { id: kb(26), topic: 'monitor', subject: 'order an extra monitor', title: 'Ordering an extra monitor', keywords: ['monitor', 'screen', 'peripheral', 'equipment'],
    answer: (rev) => `Order it from the equipment catalogue in the IT portal; the standard model is the 27-inch UltraView ${rev + 2}00.` },
  { id: kb(27), topic: 'teams', subject: 'install Microsoft Teams', title: 'Installing Microsoft Teams', keywords: ['teams', 'microsoft', 'calls', 'video'],
    answer: (rev) => `Install Teams from the Software Center (build 24.${rev + 1}) and sign in with your corp e-mail.` },
  { id: kb(28), topic: 'backup', subject: 'back up my laptop', title: 'Backing up your laptop', keywords: ['backup', 'back', 'onedrive', 'sync'],
    answer: (rev) => `Turn on OneDrive folder backup for Desktop and Documents; the backup agent version ${rev + 7}.1 runs every night.` },
  { id: kb(29), topic: 'language', subject: 'change my display language', title: 'Changing the display language', keywords: ['language', 'locale', 'keyboard', 'layout'],
    answer: (rev) => `Open Settings, Time and language, add the language and sign out; company images support ${rev + 12} languages.` },
  { id: kb(30), topic: 'mdm', subject: 'register a new device for MDM', title: 'Registering a device for mobile device management', keywords: ['mdm', 'device', 'intune', 'register', 'tablet'],
    answer: (rev) => `Install Company Portal, sign in and follow the steps; devices must run an OS released in the last ${rev + 2} years.` },
];
