/**
 * The generator's parameters and where each comes from. Figures quoted from the seed documents
 * (/work/shared/seeds, summarised in design/domain.md) are marked `seed`; the others are
 * assumptions, marked `assumed`, chosen to be plausible and consistent with the seeds.
 * docs/data-generator.md prints this table; change both together.
 */

export type CalibrationBasis = "seed" | "assumed" | "derived";

export interface CalibrationEntry {
  readonly parameter: string;
  readonly value: number;
  readonly basis: CalibrationBasis;
  readonly source: string;
}

// ---------------------------------------------------------------- structure (Hunan, Lishui, Bijie, Xiangtan)

/** Hunan: 31,858 county deputies over 122 counties. */
export const COUNTY_DEPUTIES_PER_COUNTY = 31_858 / 122; // 261.1
/** Hunan: 106,039 township deputies over 1,524 townships. */
export const TOWNSHIP_DEPUTIES_PER_TOWNSHIP = 106_039 / 1_524; // 69.6
/** Hunan: 1,524 townships in 122 counties. */
export const TOWNSHIPS_PER_COUNTY = 1_524 / 122; // 12.5
/** Xiangtan: 654 village rooms for 70 township stations. */
export const VILLAGE_ROOMS_PER_TOWNSHIP = 654 / 70; // 9.34
/** Bijie: 280 online stations beside 2,201 stations and rooms. */
export const ONLINE_STATIONS_PER_STATION = 280 / 2_201; // 0.127
/** Lishui: 9 counties; 338 municipal deputies. */
export const CITY_COUNTIES = 9;
export const CITY_MUNICIPAL_DEPUTIES = 338;
/** Lishui: 338 municipal deputies for 9 counties (used for the cities of the province profile). */
export const MUNICIPAL_DEPUTIES_PER_COUNTY = 338 / 9; // 37.6
/** Hunan: 122 counties. */
export const PROVINCE_COUNTIES = 122;
/** 122 counties at Lishui's 9 counties per city: 13.6, so 14 cities. */
export const PROVINCE_CITIES = 14;
/** Not in the seeds: a provincial congress of about 770 deputies (assumed). */
export const PROVINCIAL_DEPUTIES = 770;
/** Not in the seeds: handling units (government departments) per region. */
export const UNITS_PER_REGION = 36;

// ---------------------------------------------------------------- suggestions

/** Lishui: 282 suggestions from 338 municipal deputies in one session. */
export const MUNICIPAL_SUGGESTIONS_PER_DEPUTY = 282 / 338; // 0.83
/** Bijie: 218 suggestions from 565 municipal deputies; a county uses 0.6, between Bijie and Lishui. */
export const COUNTY_SUGGESTIONS_PER_DEPUTY = 0.6;
/** Hunan: 1,574 suggestions of provincial deputies in one session. */
export const PROVINCIAL_SUGGESTIONS_PER_SESSION = 1_574;
/** Share of a year's suggestions arriving in recess as a Poisson process (Bijie encourages recess suggestions; assumed); those made after an inspection or a survey come on top. */
export const RECESS_SHARE = 0.2;
/** Pre-review (Chun'an: 采用、修改、退回): accept / revise / return. */
export const PRE_REVIEW = { accept: 0.82, revise: 0.15, return: 0.03 } as const;
/** Suggestions that cite the opinions of the lead deputy's contacts, when the deputy has some. */
export const CITE_OPINIONS = { session: 0.6, recess: 0.8 } as const;
/** Co-signers: mean count (assumed). */
export const MEAN_CO_SIGNERS = 1.2;
export const CONFIDENTIAL_SHARE = 0.03;
/** Key suggestions led by the county head (Chun'an 重点建议); marked complex: 6-month deadline. */
export const COMPLEX_SHARE = 0.1;
/** Co-units of an assignment: 0, 1, 2, 3 (assumed). */
export const CO_UNITS = [
  [0, 0.6],
  [1, 0.28],
  [2, 0.1],
  [3, 0.02],
] as const;

// ---------------------------------------------------------------- handling

/** Hunan: "1574件建议全部按期办复" (all replied on time); the ledger keeps a small late share. */
export const LATE_REPLY_SHARE = 0.04;
export const EXTENSION_SHARE = 0.04;
/**
 * Bijie: supervision centres on the suggestions assigned at the assignment meeting (围绕会议集中交办的
 * 代表建议…领衔督办); those made in recess, assigned one by one, are late more often (assumed: 3 times).
 */
export const RECESS_LATE_FACTOR = 3;
/**
 * 督办 (Chun'an: 视情…发出办理进程预警信号; Bijie: 主任会议成员领衔督办): the office reminds the unit
 * some days before the due date when no reply is in yet (this share of rounds), warns it once
 * overdue; a leader supervises after a month overdue, the unit's head is interviewed after three;
 * key suggestions get an on-site review by their supervising leader (this share). Assumed.
 */
export const SUPERVISION = { reminder: 0.5, keySiteReview: 0.6 } as const;
/**
 * How late a late reply is, in days past the due date in force (assumed): mostly within a month,
 * some within a quarter, a few hard cases months later (Chun'an: 一时难以解决…跟踪问效, followed until done).
 */
export const LATE_DAYS: readonly (readonly [readonly [number, number], number])[] = [
  [[1, 30], 0.55],
  [[31, 90], 0.3],
  [[91, 240], 0.15],
];
/** Hunan: "当年解决率达77.5%": category A of first replies. */
export const REPLY_CATEGORIES = { A: 0.775, B: 0.13, C: 0.065, D: 0.03 } as const;
/** Category of a re-handling reply. */
export const REHANDLING_CATEGORIES = { A: 0.65, B: 0.25, C: 0.08, D: 0.02 } as const;
/** Mean shares per unit (each unit has its own, spread around these by a quality factor). */
export const MEAN_PLAN_SHARE = 0.84;
/** Lishui: 面对面听取代表意见, "面商率". */
export const MEAN_CONSULTATION_SHARE = 0.78;
export const CONSULTATION_DEPUTY_PRESENT = 0.92;
export const MEAN_SITE_VISIT_SHARE = 0.35;
/** Lishui: every unit head leads one suggestion and hears one handling report per year. */
export const HEAD_LED_PER_UNIT_YEAR = 0.9;
export const LEADERSHIP_MEETING_PER_UNIT_YEAR = 0.85;
/** Steps recorded online (the rest are backfilled days or weeks later): "数字赋能". */
export const MEAN_ONLINE_SHARE = 0.75;
/** Online records later than the 2-day `timelyDays` window. */
export const LATE_ONLINE_SHARE = 0.06;
/** Replies published online (上网公开), of non-confidential replies. */
export const MEAN_PUBLICATION_SHARE = 0.89;
/** Published later than 20 working days. */
export const LATE_PUBLICATION_SHARE = 0.1;

// ---------------------------------------------------------------- evaluation

export const EVALUATED_SHARE = 0.95;
/** Rating by reply category: satisfied, basically satisfied, unsatisfied. */
export const RATINGS_BY_CATEGORY = {
  A: [0.88, 0.11, 0.01],
  B: [0.55, 0.38, 0.07],
  C: [0.3, 0.5, 0.2],
  D: [0.2, 0.45, 0.35],
} as const;
/** After re-handling, ratings are kinder; from round 3 on never unsatisfied. */
export const REHANDLING_RATINGS = [0.5, 0.42, 0.08] as const;

// ---------------------------------------------------------------- contacts

/** Xiangtan: 7,325 constituents received in half a year at 70 + 654 stations and rooms. */
export const CONSTITUENTS_PER_STATION_YEAR = (7_325 / (70 + 654)) * 2; // 20.2
/** Constituents per reception at a station: 1 + Poisson(2), mean 3 (assumed). */
export const MEAN_CONSTITUENTS_PER_RECEPTION = 3;
/** Receptions at stations and rooms per station per year (derived). */
export const RECEPTIONS_PER_STATION_YEAR = CONSTITUENTS_PER_STATION_YEAR / MEAN_CONSTITUENTS_PER_RECEPTION; // 6.7
/**
 * Deputies on duty at a station's reception: 1 + Poisson(this), taking turns (Xiangtan: 全员进站, every
 * deputy receives constituents at the station; assumed mean 1.6, which covers a station's 8–9 deputies a year).
 */
export const RECEPTION_EXTRA_DEPUTIES = 0.6;
/** Other channels, relative to station receptions (assumed). */
export const CHANNEL_RATIOS = { visit: 0.45, online: 0.18, hotline: 0.08, survey: 0.04 } as const;
/** Visits and surveys per municipal or provincial deputy per year (assumed). */
export const UPPER_DEPUTY_VISITS_PER_YEAR = 1.5;
export const UPPER_DEPUTY_SURVEYS_PER_YEAR = 0.2;
/** Mean opinions per contact, by channel (Xiangtan: 512 problems for 7,325 constituents). */
export const MEAN_OPINIONS = { station: 0.6, visit: 0.8, online: 1, hotline: 1, survey: 2.5 } as const;
/** What becomes of an opinion: answered back directly, kept for a suggestion, left unanswered. */
export const OPINION_FATES = { direct: 0.55, suggestion: 0.3, none: 0.15 } as const;
/** Contacts recorded by the station's clerk (the rest by a deputy). */
export const CLERK_RECORDED_SHARE = 0.7;
/**
 * 转办: of the opinions answered directly at a station (or its online station), those referred to
 * a unit (the rest answered on the spot), and the outcome of the unit's answer. Xiangtan solved
 * 512 problems for 7,325 constituents received (7 %): 0.6 opinions per reception of 3
 * constituents, answered directly 0.55 of the time, more where no deputy present keeps opinions
 * for suggestions (about 0.7 in all), 0.6 of those referred and 0.8 of the answers `resolved`
 * (a re-opened one answered again) give 7 problems solved per 100 constituents received at
 * stations (derived; checked in opinion-referrals.unit.test.ts).
 */
export const REFERRED_SHARE = 0.6;
export const REFERRAL_OUTCOMES = { resolved: 0.8, explained: 0.15, "in-progress": 0.05 } as const;
/** Answers within the 15 working days (assumed; the rest 1–10 working days late). */
export const REFERRAL_ON_TIME_SHARE = 0.9;
/** Constituents satisfied with a `resolved` answer, with another (assumed). */
export const FEEDBACK_SATISFIED = { resolved: 0.92, other: 0.6 } as const;
/** A county deputy of the township joins a reception at a village room (Chun'an: 县、乡镇、村三级代表联动). */
export const COUNTY_DEPUTY_IN_ROOM_SHARE = 0.3;
/** Visits made by a county deputy (the rest by township deputies). */
export const COUNTY_DEPUTY_VISIT_SHARE = 0.5;
/** A municipal (or provincial) deputy joins a township station's reception (三级代表联动). */
export const GUEST_DEPUTY_SHARE = 0.1;

// ---------------------------------------------------------------- other duty activities (视察、调研、培训、列席、听证、述职)

/**
 * A county's duty activities a year, each with how many county deputies take part ([min, max]).
 * Bijie: 4 training classes and 1 seminar a year for municipal deputies, inspections and surveys
 * organised by the standing committee (组织…开展视察调研); Chun'an: deputies attend the standing
 * committee's meetings (研究重大事项必须有代表列席) and hearings (代表听证会、论证会); Hunan: 60
 * deputies review the handling of suggestions of 5 units on site (现场评议). Counts for a county assumed.
 */
export const DUTY_ACTIVITIES = {
  training: { perYear: 2, deputies: [90, 160] },
  inspection: { perYear: 4, deputies: [10, 20] },
  survey: { perYear: 6, deputies: [3, 7] },
  attendance: { perYear: 6, deputies: [3, 6] },
  hearing: { perYear: 2, deputies: [8, 15] },
  review: { perYear: 2, deputies: [15, 25] },
} as const satisfies Record<string, { perYear: number; deputies: readonly [number, number] }>;
/**
 * Suggestions made after an inspection or a survey, per deputy who took part (Poisson mean: about
 * 4–5 after an inspection of 10–20, 1–2 after a survey of 3–7). Hunan: 28 leader deputies' activities
 * gave 11 reports or suggestions (0.39 each); Bijie: 组织代表深入基层开展调研…在闭会期间…提出高质量的建议.
 * Counted in the recess suggestions.
 */
export const SUGGESTIONS_AFTER_ACTIVITY_PER_DEPUTY = 0.3;
/** Share of a township's deputies at its yearly training (assumed). */
export const TOWNSHIP_TRAINING_SHARE = [0.6, 0.9] as const;
/** Deputies who report on their work to the voters at their station in a year (述职; assumed: every deputy once in a five-year term). */
export const REPORTING_SHARE = 0.2;

// ---------------------------------------------------------------- mistakes

/** A step recorded twice, the duplicate voided by the office. */
export const DUPLICATE_STEP_SHARE = 0.01;
/** A clerk's reception recorded twice, the duplicate contact voided. */
export const DUPLICATE_CONTACT_SHARE = 0.004;
export const DEPUTY_CORRECTION_SHARE = 0.003;
export const STATION_CORRECTION_SHARE = 0.02;
export const UNIT_CORRECTION_SHARE = 0.03;

/** The table of docs/data-generator.md. */
// ---------------------------------------------------------------- livelihood projects (民生实事项目票决)

/** Bijie: the 10 livelihood projects voted at the congress; Shaoshan: 10 voted. Slots per county programme a year. */
export const LIVELIHOOD_SLOTS = 10;
/** 差额: candidates proposed, and shortlisted for the vote (at least slots + 1; assumed). */
export const LIVELIHOOD_CANDIDATES = 14;
export const LIVELIHOOD_SHORTLIST = 13;
/** Shaoshan: 10 projects, 250 million yuan: 25 million a project; budgets drawn 8–60 million, mode 20 million. */
export const LIVELIHOOD_BUDGET_YUAN = { min: 8_000_000, mode: 20_000_000, max: 60_000_000 } as const;
/** Deputies present at the vote (assumed: around 90 %). */
export const LIVELIHOOD_ATTENDANCE = 0.9;
/** Candidates a deputy proposes in its own name (the rest: stations, units, the public; assumed). */
export const LIVELIHOOD_DEPUTY_PROPOSED = 0.3;
/** Deputies who evaluate each project in the year's evaluation round (a sample; assumed). */
export const LIVELIHOOD_EVALUATORS = 20;

export const calibrationTable: readonly CalibrationEntry[] = [
  { parameter: "county deputies per county", value: COUNTY_DEPUTIES_PER_COUNTY, basis: "seed", source: "Hunan 31,858 county deputies / 122 counties" },
  { parameter: "township deputies per township", value: TOWNSHIP_DEPUTIES_PER_TOWNSHIP, basis: "seed", source: "Hunan 106,039 township deputies / 1,524 townships" },
  { parameter: "townships per county", value: TOWNSHIPS_PER_COUNTY, basis: "seed", source: "Hunan 1,524 townships / 122 counties" },
  { parameter: "village rooms per township station", value: VILLAGE_ROOMS_PER_TOWNSHIP, basis: "seed", source: "Xiangtan 654 rooms / 70 township stations" },
  { parameter: "online stations per station", value: ONLINE_STATIONS_PER_STATION, basis: "seed", source: "Bijie 280 online / 2,201 stations" },
  { parameter: "counties of the city profile", value: CITY_COUNTIES, basis: "seed", source: "Lishui 9 counties" },
  { parameter: "municipal deputies (city profile)", value: CITY_MUNICIPAL_DEPUTIES, basis: "seed", source: "Lishui 338 municipal deputies" },
  { parameter: "counties of the province profile", value: PROVINCE_COUNTIES, basis: "seed", source: "Hunan 122 counties" },
  { parameter: "cities of the province profile", value: PROVINCE_CITIES, basis: "derived", source: "122 counties / Lishui's 9 per city" },
  { parameter: "provincial deputies", value: PROVINCIAL_DEPUTIES, basis: "assumed", source: "not in the seeds" },
  { parameter: "handling units per region", value: UNITS_PER_REGION, basis: "assumed", source: "not in the seeds" },
  { parameter: "municipal suggestions per deputy per session", value: MUNICIPAL_SUGGESTIONS_PER_DEPUTY, basis: "seed", source: "Lishui 282 / 338" },
  { parameter: "county suggestions per deputy per session", value: COUNTY_SUGGESTIONS_PER_DEPUTY, basis: "derived", source: "between Bijie 218/565 = 0.39 and Lishui 0.83" },
  { parameter: "provincial suggestions per session", value: PROVINCIAL_SUGGESTIONS_PER_SESSION, basis: "seed", source: "Hunan 1,574" },
  { parameter: "recess share of suggestions", value: RECESS_SHARE, basis: "assumed", source: "Bijie: recess suggestions encouraged" },
  { parameter: "reply category A (solved)", value: REPLY_CATEGORIES.A, basis: "seed", source: "Hunan 77.5 % solved that year" },
  { parameter: "late replies", value: LATE_REPLY_SHARE, basis: "assumed", source: "Hunan: all on time; a few late kept for the watch list" },
  { parameter: "late replies of recess suggestions (times the unit's share)", value: RECESS_LATE_FACTOR, basis: "assumed", source: "Bijie: supervision centres on the suggestions assigned at the meeting" },
  { parameter: "suggestions after an inspection or a survey, per deputy taking part", value: SUGGESTIONS_AFTER_ACTIVITY_PER_DEPUTY, basis: "assumed", source: "Bijie: 调研 → 闭会期间建议; Hunan: 28 leader deputies, 11 reports or suggestions" },
  { parameter: "extensions", value: EXTENSION_SHARE, basis: "assumed", source: "domain.md: extensions allowed" },
  { parameter: "consultation (面商) share", value: MEAN_CONSULTATION_SHARE, basis: "assumed", source: "Lishui: 面对面听取代表意见, 面商率" },
  { parameter: "head-led suggestion per unit-year", value: HEAD_LED_PER_UNIT_YEAR, basis: "seed", source: "Lishui: 一把手必须领办一件建议" },
  { parameter: "leadership meeting per unit-year", value: LEADERSHIP_MEETING_PER_UNIT_YEAR, basis: "seed", source: "Lishui: 召开班子会议听取一次办理工作汇报" },
  { parameter: "steps recorded online", value: MEAN_ONLINE_SHARE, basis: "assumed", source: "Chun'an 数字赋能 indicator" },
  { parameter: "replies published online", value: MEAN_PUBLICATION_SHARE, basis: "assumed", source: "Chun'an 上网率 indicator" },
  { parameter: "replies evaluated", value: EVALUATED_SHARE, basis: "assumed", source: "Chun'an 满意率 indicator" },
  { parameter: "constituents per station per year", value: CONSTITUENTS_PER_STATION_YEAR, basis: "seed", source: "Xiangtan 7,325 in half a year / 724 stations" },
  { parameter: "constituents per reception", value: MEAN_CONSTITUENTS_PER_RECEPTION, basis: "assumed", source: "not in the seeds" },
  { parameter: "deputies on duty at a reception beyond the first (in turn)", value: RECEPTION_EXTRA_DEPUTIES, basis: "assumed", source: "Xiangtan: 全员进站" },
  { parameter: "deputies reporting to voters a year (述职)", value: REPORTING_SHARE, basis: "assumed", source: "once in a five-year term" },
  { parameter: "opinions per station reception", value: MEAN_OPINIONS.station, basis: "derived", source: "Xiangtan 512 problems / 7,325 constituents, plus unsolved ones" },
  { parameter: "direct station opinions referred to a unit (转办)", value: REFERRED_SHARE, basis: "derived", source: "Xiangtan 512 problems solved / 7,325 constituents (with resolved answers 0.8)" },
  { parameter: "referrals answered within 15 working days", value: REFERRAL_ON_TIME_SHARE, basis: "assumed", source: "not in the seeds" },
  { parameter: "livelihood projects voted per county-year", value: LIVELIHOOD_SLOTS, basis: "seed", source: "Bijie 10 projects; Shaoshan 10 projects" },
  { parameter: "livelihood budget per project (yuan, mode)", value: LIVELIHOOD_BUDGET_YUAN.mode, basis: "derived", source: "Shaoshan 250 million yuan for 10 projects" },
  { parameter: "deputies present at the livelihood vote", value: LIVELIHOOD_ATTENDANCE, basis: "assumed", source: "around 90 %" },
];
