// Common English short forms and the formal names they stand for, so that a search for "Bill Smith"
// finds William Smith. Each group lists names that may stand for one another.
const GROUPS: string[][] = [
  ['william', 'will', 'bill', 'billy', 'liam', 'willie'],
  ['robert', 'rob', 'robbie', 'bob', 'bobby', 'bert'],
  ['richard', 'rich', 'richie', 'rick', 'ricky', 'dick'],
  ['james', 'jim', 'jimmy', 'jamie', 'jay'],
  ['john', 'jon', 'johnny', 'jack'],
  ['jack', 'jackie', 'jake'],
  ['michael', 'mike', 'mikey', 'mick', 'mickey'],
  ['thomas', 'tom', 'tommy'],
  ['joseph', 'joe', 'joey'],
  ['daniel', 'dan', 'danny'],
  ['matthew', 'matt', 'matty'],
  ['christopher', 'chris', 'kit'],
  ['anthony', 'tony', 'ant'],
  ['alexander', 'alex', 'alfie', 'sandy', 'xander'],
  ['alexandra', 'alex', 'lexi', 'sandra', 'sasha'],
  ['benjamin', 'ben', 'benny', 'benji'],
  ['samuel', 'sam', 'sammy'],
  ['samantha', 'sam', 'sammy'],
  ['nicholas', 'nick', 'nicky'],
  ['edward', 'ed', 'eddie', 'ted', 'teddy', 'ned'],
  ['frederick', 'fred', 'freddie', 'freddy'],
  ['henry', 'harry', 'hal', 'hank'],
  ['charles', 'charlie', 'chas', 'chuck'],
  ['charlotte', 'charlie', 'lottie', 'lotte'],
  ['oliver', 'ollie', 'olly'],
  ['olivia', 'liv', 'livvy', 'ollie'],
  ['joshua', 'josh'],
  ['jacob', 'jake'],
  ['nathaniel', 'nathan', 'nate', 'nat'],
  ['elizabeth', 'liz', 'lizzie', 'beth', 'betty', 'eliza', 'libby', 'elsie'],
  ['margaret', 'maggie', 'meg', 'peggy', 'marge'],
  ['catherine', 'katherine', 'kathryn', 'kate', 'katie', 'kathy', 'cathy', 'kat'],
  ['rebecca', 'becky', 'becca'],
  ['victoria', 'vicky', 'tori'],
  ['jennifer', 'jen', 'jenny'],
  ['jessica', 'jess', 'jessie'],
  ['abigail', 'abi', 'abby', 'gail'],
  ['isabella', 'isabel', 'isobel', 'bella', 'izzy', 'issy'],
  ['amelia', 'millie', 'amy', 'mia'],
  ['emily', 'em', 'emmy', 'millie'],
  ['emma', 'em'],
  ['sophia', 'sophie'],
  ['eleanor', 'ellie', 'nell', 'nora', 'elle'],
  ['susan', 'sue', 'suzy'],
  ['deborah', 'debbie', 'deb'],
  ['patricia', 'pat', 'patty', 'trish'],
  ['stephen', 'steven', 'steve', 'stevie'],
  ['david', 'dave', 'davy'],
  ['andrew', 'andy', 'drew'],
  ['peter', 'pete'],
  ['gregory', 'greg'],
  ['timothy', 'tim', 'timmy'],
  ['kenneth', 'ken', 'kenny'],
  ['ronald', 'ron', 'ronnie'],
  ['leonard', 'leo', 'len', 'lenny'],
  ['theodore', 'theo', 'ted', 'teddy'],
  ['mohammed', 'muhammad', 'mohammad', 'mohamed', 'mo'],
  ['zachary', 'zach', 'zac', 'zack'],
  ['harrison', 'harry'],
  ['gabriel', 'gabe'],
  ['gabriella', 'gabby', 'ella'],
  ['madison', 'maddie', 'maddy'],
  ['madeleine', 'madeline', 'maddie', 'maddy'],
  ['natalie', 'nat', 'tally'],
  ['evelyn', 'evie', 'eve'],
  ['florence', 'flo', 'florrie'],
  ['grace', 'gracie'],
  ['louise', 'lou', 'lulu'],
  ['louis', 'lewis', 'lou'],
];

const INDEX = new Map<string, Set<string>>();
for (const group of GROUPS) {
  for (const name of group) {
    const set = INDEX.get(name) ?? new Set<string>();
    for (const other of group) set.add(other);
    INDEX.set(name, set);
  }
}

/** The name and every name it may stand for (lower case). */
export function nameVariants(name: string): Set<string> {
  return INDEX.get(name) ?? new Set([name]);
}
