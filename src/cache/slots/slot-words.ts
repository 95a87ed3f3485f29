// Closed English word classes the slot extractor and the speech-act classifier need. These are
// grammar, not domain knowledge: no product, team or intent names appear here.

export const monthNumbers: Readonly<Record<string, number>> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11,
  dec: 12, december: 12,
};

export const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** Words that start sentences without being names ("What", "Please", "The"...). */
export const sentenceStarters = new Set([
  'a', 'an', 'the', 'this', 'that', 'these', 'those', 'my', 'our', 'your', 'his', 'her', 'their', 'its', 'i', 'we',
  'you', 'he', 'she', 'they', 'it', 'me', 'us', 'them', 'who', 'whom', 'whose', 'what', 'which', 'when', 'where',
  'why', 'how', 'is', 'are', 'was', 'were', 'am', 'be', 'do', 'does', 'did', 'can', 'could', 'would', 'will',
  'shall', 'should', 'may', 'might', 'must', 'have', 'has', 'had', 'please', 'hi', 'hello', 'hey', 'dear', 'thanks',
  'thank', 'ok', 'okay', 'yes', 'no', 'so', 'and', 'but', 'or', 'if', 'then', 'also', 'just', 'any', 'some', 'all',
  'every', 'each', 'there', 'here', 'good', 'morning', 'afternoon', 'evening', 'quick', 'question', 'sorry', 'not',
  'in', 'on', 'at', 'for', 'from', 'to', 'of', 'with', 'by', 'about', 'after', 'before', 'since', 'during', 'as',
  'let', 'tell', 'show', 'give', 'find', 'get', 'check', 'look', 'help', 'new', 'one', 'another', 'other',
]);

/** Function words that never serve as the unit after a number ("6 other players", "50 to savings"). */
export const nonUnitWords = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'to', 'of', 'in', 'on', 'at', 'for', 'from', 'with', 'by', 'about', 'as',
  'is', 'are', 'was', 'were', 'be', 'it', 'this', 'that', 'other', 'more', 'less', 'than', 'into', 'onto', 'per',
  'so', 'if', 'then', 'please', 'and', 'yet', 'my', 'your', 'our', 'their', 'his', 'her', 'its', 'i', 'you', 'we',
  'they', 'he', 'she', 'me', 'us', 'them', 'do', 'does', 'did', 'not', 'no', 'times', 'also', 'each', 'every',
]);

/** Verbs of asking for information or analysis: an imperative with one of these reads, it does not act. */
export const readVerbs = new Set([
  'tell', 'show', 'give', 'list', 'find', 'look', 'lookup', 'check', 'get', 'fetch', 'search', 'explain', 'describe',
  'summarize', 'summarise', 'analyze', 'analyse', 'compare', 'debug', 'investigate', 'troubleshoot', 'diagnose',
  'root-cause', 'help', 'calculate', 'compute', 'count', 'estimate', 'review', 'display', 'report', 'see', 'view',
  'read', 'identify', 'pull', 'remind', 'clarify', 'define', 'translate', 'recommend', 'suggest', 'advise', 'guide',
  'walk', 'say', 'know', 'figure', 'determine', 'verify', 'provide', 'share', 'track', 'trace', 'monitor', 'inform',
  'what', 'which', 'who', 'how', 'where', 'when', 'why',
]);

/** Nouns that make "I need / I'd like / can I get ..." a request for information, not for an action. */
export const informationNouns = new Set([
  'update', 'updates', 'status', 'name', 'names', 'info', 'information', 'details', 'detail', 'help', 'list',
  'answer', 'answers', 'number', 'email', 'e-mail', 'address', 'guide', 'explanation', 'summary', 'overview',
  'report', 'view', 'count', 'counts', 'breakdown', 'advice', 'idea', 'clarification', 'instructions', 'steps',
  'news', 'history', 'trend', 'analysis', 'contact', 'phone', 'title', 'location', 'link', 'documentation', 'docs',
]);

/** Openers that carry no speech act of their own ("Hi,", "Quick question:", "Good morning."). */
export const discourseWords = new Set([
  'hi', 'hello', 'hey', 'dear', 'ok', 'okay', 'so', 'um', 'uh', 'well', 'thanks', 'thank', 'sorry', 'quick',
  'question', 'one', 'good', 'morning', 'afternoon', 'evening', 'yo', 'greetings', 'also', 'and', 'oh', 'hmm',
  'alright', 'excuse', 'again', 'folks', 'team', 'there', 'all',
]);

export const whWords = new Set(['what', "what's", 'whats', 'who', "who's", 'whos', 'whom', 'whose', 'which', 'when', "when's", 'where', "where's", 'why', 'how', "how's", 'hows']);

export const auxiliaries = new Set([
  'is', 'are', 'was', 'were', 'am', 'do', 'does', 'did', 'can', 'could', 'would', 'will', 'shall', 'should', 'may',
  'might', 'must', 'have', 'has', 'had', "isn't", "aren't", "don't", "doesn't", "didn't", "can't", "won't", "wouldn't",
  "couldn't", "shouldn't", "haven't", "hasn't", 'any', 'anyone', 'anybody', 'anything', 'there',
]);

/** Words that open a statement rather than an imperative ("My card...", "The app...", "I..."). */
export const statementOpeners = new Set([
  'i', "i'm", 'im', "i've", "i'd", "i'll", 'my', 'our', 'we', "we're", "we've", 'the', 'a', 'an', 'this', 'that',
  'these', 'those', 'it', "it's", 'its', 'there', "there's", 'you', "you're", 'your', 'he', 'she', 'they', 'his',
  'her', 'their', 'someone', 'somebody', 'everyone', 'nobody', 'nothing', 'something', 'no', 'not', 'yes',
  'maybe', 'still', 'since', 'after', 'before', 'when', 'if', 'because', 'today', 'yesterday', 'last', 'every',
  'all', 'some', 'many', 'most', 'only', 'just', 'thanks', 'thank', 'great', 'cool', 'nice', 'sure',
]);
