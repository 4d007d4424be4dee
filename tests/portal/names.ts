// Titles and people as teachers and staff really name them (the seeds are Dutch and Swedish help pages), plus
// the titles that break naive file naming: reserved Windows names, trailing dots, path separators, quotes,
// markup characters, non-Latin scripts and a title longer than any file system allows.

const LONG_TITLE =
  'Föreläsningsserie i miljörätt och hållbar samhällsplanering – gemensam session för programmen i ' +
  'juridik, ekonomi och samhällsvetenskap med gästföreläsare från kommunen, länsstyrelsen och ' +
  'Naturvårdsverket, inklusive frågestund, grupparbete och sammanfattning av kursens examinationsuppgifter ' +
  'för höstterminen (inspelning för studenter som inte kunde delta på plats)';

/** Titles that must appear in every default dataset; index = position in the list of meetings. */
export const TRICKY_TITLES: readonly string[] = [
  'Föreläsning 4 – Ekonomi & juridik',
  'Werkcollege "Statistiek" <groep B>',
  '数据科学 讲座',
  'Q&A: Why?*',
  'CON',
  'Trailing dot.',
  'a/b\\c|d:e',
  LONG_TITLE,
];

export const ZOOM_TOPICS: readonly string[] = [
  'Weekly team standup',
  'Intro to Data Science – Lecture {n}',
  'Office hours',
  'Thesis supervision: Maria Jansen',
  'Lab session {n}: Linear regression',
  'Guest lecture: Climate & cities',
  'Department meeting',
  'Exam review session',
  'Hoorcollege Statistiek {n}',
  'Werkgroep Sociologie – week {n}',
  'Onderwijsoverleg',
  'Tentamenbespreking Bedrijfseconomie',
  'Scriptiebegeleiding groep {n}',
  'Föreläsning {n} – Makroekonomi',
  'Seminarium: Hållbar utveckling',
  'Handledning, examensarbete',
  'Lärarmöte vecka {n}',
  'Övning {n} – Linjär algebra',
  'Introduktion till programmering, del {n}',
  'Kick-off 🎉 new semester',
  "Anna Svensson's Zoom Meeting",
  "Anna Svensson's Zoom Meeting",
];

export const HOSTS: readonly string[] = [
  'anna.svensson@uni.example.se',
  'p.devries@hogeschool.example.nl',
  'm.jansen@hogeschool.example.nl',
  'lars.eriksson@uni.example.se',
  'j.smith@college.example.edu',
];

export const PEOPLE: readonly string[] = [
  'Anna Svensson',
  'Pieter de Vries',
  'Maria Jansen',
  'Lars Eriksson',
  'Sanne Bakker',
  'Erik Lindqvist',
  'Åsa Öberg',
  'Daan van den Berg',
  'Li Wei',
  'Fatima El Amrani',
  'John Smith',
];

export const SENTENCES: readonly string[] = [
  'Good morning everyone, can you all hear me?',
  'Let us start with a short recap of last week.',
  'Kunnen jullie mijn scherm zien?',
  'De opdracht moet vóór vrijdag worden ingeleverd.',
  'Kan ni se min skärm nu?',
  'Vi tar en paus på tio minuter.',
  'The slides are on the course page.',
  'Is this going to be on the exam?',
  'Ik heb een vraag over hoofdstuk 3.',
  'Tack för idag, vi ses på torsdag!',
  'Please mute your microphone when you are not speaking.',
  'Här är länken: https://example.org/kurs?id=42&lang=sv',
  'Jag hör dig inte så bra.',
  'Dat klopt, goed gezien 👍',
];

export const COLLAB_SESSIONS: readonly string[] = [
  'Course Room',
  'Hoorcollege Bestuursrecht',
  'Werkgroep 4B',
  'Föreläsning – Statistik',
  'Thesis seminar',
  'Spreekuur docent',
];

/** Collaborate names recordings "<session> - recording_<n>"; teachers rename some of them. */
export const COLLAB_RENAMED: readonly string[] = [
  'Hoorcollege 3 – Privacyrecht & AVG',
  ...TRICKY_TITLES,
  'Gastcollege: "Wat is recht?"',
  'Uitleg tentamen (herkansing)',
];

export const CONTEXTS: readonly string[] = ['_1234_1', '_1234_1', '_2087_1', '_3310_1'];

export function fillNumber(template: string, n: number): string {
  return template.replaceAll('{n}', String(n));
}
