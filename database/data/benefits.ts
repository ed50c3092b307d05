/*
| The demo benefit catalogue (docs/real-benefits.md): real Latvian benefits
| with their legal basis, an eligibility rule and at least one positive and
| one negative scenario each, plus providers' services and grantor–provider
| contracts. Figures follow the sources listed in docs/real-benefits.md;
| verify against the current legal text before relying on them. Kept
| outside database/seeders because Lucid runs every file there.
*/
import type { BenefitDraftData } from '#catalogue/validators/benefit'

type Scenario = NonNullable<BenefitDraftData['scenarios']>[number]
type Person = Scenario['persons'][number]

export interface SeedBenefit {
  /** Tenant key in database/data/tenants.ts. */
  tenant: string
  code: string
  /** Oldest first; each later one starts after the one before. */
  versions: BenefitDraftData[]
}

export interface SeedService {
  tenant: string
  code: string
  nameLv: string
  nameEn: string
  sector: string
  basePriceCents: number
}

export interface SeedContract {
  grantor: string
  provider: string
  reference: string
  benefits: string[]
  services: string[]
  validFrom: string
  compensationMethod: 'full_difference' | 'flat_per_use' | 'share_of_price'
  sharePercent?: number
  flatCents?: number
  monthlyCapCents?: number
}

export interface SeedGroup {
  tenant: string
  key: string
  nameLv: string
  nameEn: string
}

const fact = (attribute: string, value: string, from = '2000-01-01') => ({
  attribute,
  value,
  from,
  to: null,
})
const person = (
  name: string,
  birthDate: string,
  expected: boolean,
  facts = [] as Person['facts']
) => ({
  name,
  birthDate,
  expected,
  facts,
})
const scenario = (name: string, date: string, persons: Person[]): Scenario => ({
  name,
  date,
  persons,
})

const MK414 = {
  legalAct:
    'Ministru kabineta 2021. gada 22. jūnija noteikumi Nr. 414 “Braukšanas maksas atvieglojumu noteikumi”',
  legalUrl: 'https://likumi.lv/ta/id/324402',
}
const TODAY_RULES_FROM = '2021-07-01'
const REGIONAL = ['pv.single_regional', 'pv.season']
const CITY = ['rs.single', 'rs.monthly']

const base = {
  visibility: 'public' as const,
  programmeTerms: null,
  municipalities: [],
  weekdays: [],
  timeWindows: [],
  specificDates: [],
  limitPerDay: null,
  limitPerMonth: null,
  combinationPolicy: 'exclusive' as const,
  budgetCents: null,
  budgetPeriod: null,
  extra: {},
}

const stateFare = (
  fields: Pick<
    BenefitDraftData,
    'nameLv' | 'nameEn' | 'descriptionLv' | 'descriptionEn' | 'legalPoint' | 'rule' | 'scenarios'
  > &
    Partial<BenefitDraftData>
): BenefitDraftData => ({
  ...base,
  sector: 'transport',
  effectiveFrom: TODAY_RULES_FROM,
  ...MK414,
  form: 'free',
  value: null,
  serviceCodes: [...REGIONAL, ...CITY],
  priority: 200,
  ...fields,
})

export const SEED_BENEFITS: SeedBenefit[] = [
  {
    tenant: 'atd',
    code: 'atd.preschool',
    versions: [
      stateFare({
        nameLv: 'Pirmsskolas vecuma bērni',
        nameEn: 'Pre-school children',
        descriptionLv:
          'Bērni, kuri vēl nav sākuši pamatizglītību, reģionālajos maršrutos brauc bez maksas.',
        descriptionEn:
          'Children who have not yet started basic education travel free on regional routes.',
        legalPoint: '4.1.',
        serviceCodes: REGIONAL,
        rule: 'age < 7 || fact("education.level") == "preschool"',
        scenarios: [
          scenario('Piecgadnieks brauc bez maksas', '2026-03-02', [
            person('Anna (5)', '2020-09-14', true),
          ]),
          scenario('Pieaugušais nav pirmsskolas vecumā', '2026-03-02', [
            person('Jānis (30)', '1995-05-01', false),
          ]),
        ],
      }),
    ],
  },
  {
    tenant: 'atd',
    code: 'atd.disability_i_ii',
    versions: [
      stateFare({
        nameLv: 'Personas ar I vai II grupas invaliditāti',
        nameEn: 'Persons with disability group I or II',
        descriptionLv:
          'Personas ar I vai II grupas invaliditāti brauc bez maksas reģionālajos un valstspilsētu maršrutos.',
        descriptionEn:
          'Persons with disability group I or II travel free on regional and state-city routes.',
        legalPoint: '4.2.',
        rule: 'fact("disability.group") in ["I", "II"]',
        scenarios: [
          scenario('II grupa', '2026-03-02', [
            person('Pēteris', '1970-02-11', true, [fact('disability.group', 'II')]),
          ]),
          scenario('III grupa nav ietverta', '2026-03-02', [
            person('Marta', '1980-06-30', false, [fact('disability.group', 'III')]),
          ]),
        ],
      }),
    ],
  },
  {
    tenant: 'atd',
    code: 'atd.disabled_children',
    versions: [
      stateFare({
        nameLv: 'Bērni ar invaliditāti',
        nameEn: 'Children with a disability',
        descriptionLv: 'Bērni ar invaliditāti līdz 18 gadu vecumam brauc bez maksas.',
        descriptionEn: 'Children with a disability under 18 travel free.',
        legalPoint: '4.3.',
        rule: 'holds("disability.child") && age < 18',
        scenarios: [
          scenario('Bērns ar invaliditāti', '2026-03-02', [
            person('Elza (10)', '2015-04-04', true, [
              fact('disability.child', 'true', '2016-01-01'),
            ]),
          ]),
          scenario('Bērns bez invaliditātes', '2026-03-02', [
            person('Kārlis (10)', '2015-08-08', false),
          ]),
        ],
      }),
    ],
  },
  {
    tenant: 'atd',
    code: 'atd.accompanying',
    versions: [
      stateFare({
        nameLv: 'Pavadonis',
        nameEn: 'Accompanying person',
        descriptionLv:
          'Viens pavadonis, kas brauc kopā ar personu ar I grupas invaliditāti vai bērnu ar invaliditāti, brauc bez maksas. Tiesības izriet no pavadāmās personas.',
        descriptionEn:
          'One person travelling with a person with disability group I or a child with a disability travels free. The right follows from the person accompanied.',
        legalPoint: '4.4.',
        rule: 'fact("disability.group") == "I" || holds("disability.child")',
        scenarios: [
          scenario('Pavada I grupas personu', '2026-03-02', [
            person('Pavadāmā (I grupa)', '1960-01-01', true, [fact('disability.group', 'I')]),
          ]),
          scenario('II grupai pavadonis nav paredzēts', '2026-03-02', [
            person('Pavadāmais (II grupa)', '1965-01-01', false, [fact('disability.group', 'II')]),
          ]),
        ],
      }),
    ],
  },
  {
    tenant: 'atd',
    code: 'atd.orphans',
    versions: [
      stateFare({
        nameLv: 'Bāreņi un bez vecāku gādības palikušie bērni līdz 24 gadiem',
        nameEn: 'Orphans and children without parental care under 24',
        descriptionLv:
          'Bāreņi un bez vecāku gādības palikuši bērni līdz 24 gadu vecumam brauc bez maksas.',
        descriptionEn:
          'Orphans and children left without parental care travel free until the age of 24.',
        legalPoint: '6. (MK 182/2024 redakcijā)',
        rule: 'holds("status.orphan") && age < 24',
        scenarios: [
          scenario('Bārenis, 20 gadi', '2026-03-02', [
            person('Roberts (20)', '2005-10-10', true, [
              fact('status.orphan', 'true', '2010-01-01'),
            ]),
          ]),
          scenario('Bārenis, 25 gadi', '2026-03-02', [
            person('Laura (25)', '2000-10-10', false, [
              fact('status.orphan', 'true', '2005-01-01'),
            ]),
          ]),
        ],
      }),
    ],
  },
  {
    tenant: 'atd',
    code: 'atd.repressed',
    versions: [
      stateFare({
        nameLv: 'Politiski represētās personas',
        nameEn: 'Politically repressed persons',
        descriptionLv: 'Politiski represētās personas reģionālajos maršrutos brauc bez maksas.',
        descriptionEn: 'Politically repressed persons travel free on regional routes.',
        legalPoint: '4.5.',
        serviceCodes: REGIONAL,
        rule: 'holds("status.repressed")',
        scenarios: [
          scenario('Represētā persona', '2026-03-02', [
            person('Vilis', '1938-03-03', true, [fact('status.repressed', 'true', '1995-01-01')]),
          ]),
          scenario('Bez statusa', '2026-03-02', [person('Ilga', '1940-04-04', false)]),
        ],
      }),
    ],
  },
  {
    tenant: 'atd',
    code: 'atd.honour_adults',
    versions: [
      {
        ...stateFare({
          nameLv: 'Daudzbērnu ģimenes – vienreizējā biļete',
          nameEn: 'Large families – single ticket',
          descriptionLv:
            'Līdz 2018. gada 31. augustam daudzbērnu ģimeņu locekļiem 25 % atlaide vienreizējai biļetei.',
          descriptionEn:
            'Until 31 August 2018 members of large families got 25 % off a single ticket.',
          legalPoint: '(2017. gada redakcija)',
          rule: 'holds("family.honour_card") && age >= 24',
          scenarios: [
            scenario('Kartes turētājs 2018. gadā', '2018-05-02', [
              person('Inese (40)', '1978-01-15', true, [
                fact('family.honour_card', 'GG-000123', '2016-01-01'),
              ]),
            ]),
            scenario('Bez kartes', '2018-05-02', [person('Ojārs (40)', '1978-02-15', false)]),
          ],
        }),
        legalAct: 'Ministru kabineta 2017. gada 27. jūnija noteikumi Nr. 371',
        legalUrl: 'https://likumi.lv/ta/id/291940',
        effectiveFrom: '2017-07-01',
        form: 'percent',
        value: 25,
        serviceCodes: ['pv.single_regional'],
        priority: 100,
      },
      {
        ...stateFare({
          nameLv: 'Goda ģimene – pieaugušie, vienreizējā biļete',
          nameEn: 'Honour Family – adults, single ticket',
          descriptionLv:
            'Goda ģimenes apliecības turētājiem – pieaugušajiem – 50 % atlaide vienreizējai pilnas cenas biļetei.',
          descriptionEn:
            'Adult Honour Family card holders get 50 % off a full-price single ticket.',
          legalPoint: '7.1.',
          rule: 'holds("family.honour_card") && age >= 24',
          scenarios: [
            scenario('Pieaugušais ar karti', '2026-03-02', [
              person('Inese (48)', '1978-01-15', true, [
                fact('family.honour_card', 'GG-000123', '2016-01-01'),
              ]),
            ]),
            scenario('Pieaugušais bez kartes', '2026-03-02', [
              person('Ojārs (48)', '1978-02-15', false),
            ]),
          ],
        }),
        effectiveFrom: '2018-09-01',
        form: 'percent',
        value: 50,
        serviceCodes: ['pv.single_regional'],
        priority: 100,
      },
    ],
  },
  {
    tenant: 'atd',
    code: 'atd.honour_children',
    versions: [
      stateFare({
        nameLv: 'Goda ģimene – bērni, skolēni un studenti līdz 24 gadiem',
        nameEn: 'Honour Family – children, pupils and students under 24',
        descriptionLv:
          'Goda ģimenes bērniem, skolēniem un studentiem līdz 24 gadiem 90 % atlaide vienreizējai biļetei.',
        descriptionEn:
          'Honour Family children, pupils and students under 24 get 90 % off a single ticket.',
        legalPoint: '7.2.',
        form: 'percent',
        value: 90,
        serviceCodes: ['pv.single_regional'],
        priority: 110,
        rule: 'holds("family.honour_card") && age < 24 && fact("education.level") in ["basic", "secondary", "vocational", "higher"]',
        scenarios: [
          scenario('Skolēns ar karti', '2026-03-02', [
            person('Toms (15)', '2010-12-01', true, [
              fact('family.honour_card', 'GG-000124', '2017-01-01'),
              fact('education.level', 'basic', '2017-09-01'),
            ]),
          ]),
          scenario('Students pēc 24', '2026-03-02', [
            person('Sanita (26)', '2000-01-01', false, [
              fact('family.honour_card', 'GG-000125', '2017-01-01'),
              fact('education.level', 'higher', '2019-09-01'),
            ]),
          ]),
        ],
      }),
    ],
  },
  {
    tenant: 'atd',
    code: 'atd.honour_season',
    versions: [
      stateFare({
        nameLv: 'Goda ģimene – abonementa biļete',
        nameEn: 'Honour Family – season ticket',
        descriptionLv: 'Goda ģimenes apliecības turētājiem 40 % atlaide abonementa biļetei.',
        descriptionEn: 'Honour Family card holders get 40 % off a season ticket.',
        legalPoint: '7.3.',
        form: 'percent',
        value: 40,
        serviceCodes: ['pv.season'],
        priority: 100,
        rule: 'holds("family.honour_card")',
        scenarios: [
          scenario('Kartes turētājs', '2026-03-02', [
            person('Inese', '1978-01-15', true, [
              fact('family.honour_card', 'GG-000123', '2016-01-01'),
            ]),
          ]),
          scenario('Bez kartes', '2026-03-02', [person('Ojārs', '1978-02-15', false)]),
        ],
      }),
    ],
  },
  {
    tenant: 'atd',
    code: 'atd.honour_holidays',
    versions: [
      stateFare({
        nameLv: 'Goda ģimene – valsts svētku dienās bez maksas',
        nameEn: 'Honour Family – free on national holidays',
        descriptionLv:
          'Goda ģimenes apliecības turētāji 4. maijā, 11. un 18. novembrī brauc bez maksas.',
        descriptionEn: 'Honour Family card holders travel free on 4 May, 11 and 18 November.',
        legalPoint: '7.4.',
        serviceCodes: REGIONAL,
        specificDates: ['05-04', '11-11', '11-18'],
        priority: 300,
        rule: 'holds("family.honour_card")',
        scenarios: [
          scenario('18. novembris ar karti', '2025-11-18', [
            person('Inese', '1978-01-15', true, [
              fact('family.honour_card', 'GG-000123', '2016-01-01'),
            ]),
          ]),
          scenario('18. novembris bez kartes', '2025-11-18', [
            person('Ojārs', '1978-02-15', false),
          ]),
        ],
      }),
    ],
  },
]

const RIGA = {
  legalAct: 'Rīgas domes saistošie noteikumi Nr. RD-23-208-sn par braukšanas maksas atvieglojumiem',
  legalUrl: 'https://likumi.lv/ta/id/315132',
}
const riga = (
  fields: Partial<BenefitDraftData> &
    Pick<
      BenefitDraftData,
      'nameLv' | 'nameEn' | 'descriptionLv' | 'descriptionEn' | 'rule' | 'scenarios'
    >
): BenefitDraftData => ({
  ...base,
  sector: 'transport',
  effectiveFrom: '2023-09-01',
  ...RIGA,
  legalPoint: null,
  form: 'free',
  value: null,
  serviceCodes: CITY,
  municipalities: ['Rīga'],
  priority: 200,
  ...fields,
})

SEED_BENEFITS.push(
  {
    tenant: 'riga',
    code: 'riga.pupils',
    versions: [
      riga({
        nameLv: 'Skolēni (1.–12. klase)',
        nameEn: 'Pupils (grades 1–12)',
        descriptionLv:
          'Rīgā deklarētie vispārējās izglītības skolēni 1.–12. klasē Rīgas sabiedriskajā transportā brauc bez maksas.',
        descriptionEn:
          'General-education pupils of grades 1–12 declared in Riga travel free on Riga public transport.',
        rule: 'fact("education.grade") >= 1 && fact("education.grade") <= 12 && municipality == "Rīga"',
        scenarios: [
          scenario('Rīgas skolēns', '2026-03-02', [
            person('Līva (12)', '2013-05-05', true, [
              fact('education.grade', '6', '2025-09-01'),
              fact('residence.municipality', 'Rīga', '2013-05-05'),
            ]),
          ]),
          scenario('Skolēns no citas pašvaldības', '2026-03-02', [
            person('Markuss (12)', '2013-06-06', false, [
              fact('education.grade', '6', '2025-09-01'),
              fact('residence.municipality', 'Ķekavas novads', '2013-06-06'),
            ]),
          ]),
        ],
      }),
    ],
  },
  {
    tenant: 'riga',
    code: 'riga.seniors',
    versions: [
      riga({
        nameLv: 'Rīgā deklarētie seniori',
        nameEn: 'Seniors declared in Riga',
        descriptionLv:
          'Rīgā deklarētie seniori no 65 gadu vecuma Rīgas sabiedriskajā transportā brauc bez maksas.',
        descriptionEn:
          'Seniors aged 65 or more declared in Riga travel free on Riga public transport.',
        rule: 'age >= 65 && municipality == "Rīga"',
        scenarios: [
          scenario('Rīdzinieks, 70 gadi', '2026-03-02', [
            person('Gunārs (70)', '1955-07-07', true, [
              fact('residence.municipality', 'Rīga', '1990-01-01'),
            ]),
          ]),
          scenario('Rīdzinieks, 50 gadi', '2026-03-02', [
            person('Dace (50)', '1975-07-07', false, [
              fact('residence.municipality', 'Rīga', '1990-01-01'),
            ]),
          ]),
        ],
      }),
    ],
  },
  {
    tenant: 'riga',
    code: 'riga.students_monthly',
    versions: [
      riga({
        nameLv: 'Studenti – mēneša biļete par 50 %',
        nameEn: 'Students – monthly ticket at 50 %',
        descriptionLv:
          'Augstākās izglītības studentiem mēneša biļete par pusi cenas (15 € 30 € vietā).',
        descriptionEn:
          'Students in higher education get the monthly ticket at half price (€15 instead of €30).',
        form: 'percent',
        value: 50,
        serviceCodes: ['rs.monthly'],
        municipalities: [],
        priority: 100,
        rule: 'fact("education.level") == "higher"',
        scenarios: [
          scenario('Students', '2026-03-02', [
            person('Krišjānis (21)', '2004-09-09', true, [
              fact('education.level', 'higher', '2023-09-01'),
            ]),
          ]),
          scenario('Vidusskolēns', '2026-03-02', [
            person('Paula (17)', '2008-09-09', false, [
              fact('education.level', 'secondary', '2023-09-01'),
            ]),
          ]),
        ],
      }),
    ],
  },
  {
    tenant: 'riga',
    code: 'riga.large_family_monthly',
    versions: [
      riga({
        nameLv: 'Daudzbērnu ģimeņu vecāki – mēneša biļete par 50 %',
        nameEn: 'Large-family parents – monthly ticket at 50 %',
        descriptionLv:
          'Rīgas ģimeņu atbalsta reģistrā iekļautajiem vecākiem mēneša biļete par pusi cenas.',
        descriptionEn:
          'Parents in Riga’s family support register get the monthly ticket at half price.',
        form: 'percent',
        value: 50,
        serviceCodes: ['rs.monthly'],
        priority: 100,
        rule: 'in_group("riga_family_register")',
        scenarios: [
          scenario('Reģistrā iekļauts vecāks', '2026-03-02', [
            {
              ...person('Agnese', '1985-03-03', true),
              groups: [{ key: 'riga_family_register', from: '2024-01-01', to: null }],
            },
          ]),
          scenario('Reģistrā nav', '2026-03-02', [person('Raitis', '1985-04-04', false)]),
        ],
      }),
    ],
  },
  {
    tenant: 'riga',
    code: 'riga.free_days',
    versions: [
      riga({
        nameLv: 'Bezmaksas braukšanas dienas visiem',
        nameEn: 'Free travel days for everyone',
        descriptionLv:
          'Visi pasažieri Rīgas sabiedriskajā transportā brauc bez maksas 23. un 24. jūnijā, 18. novembrī, 31. decembrī un 1. janvārī.',
        descriptionEn:
          'Everyone travels free on Riga public transport on 23 and 24 June, 18 November, 31 December and 1 January.',
        legalAct: 'Rīgas domes lēmums par bezmaksas braukšanu svētku dienās',
        legalUrl: 'https://likumi.lv/ta/id/276204',
        municipalities: [],
        specificDates: ['06-23', '06-24', '11-18', '12-31', '01-01'],
        priority: 50,
        rule: 'age >= 0',
        scenarios: [
          scenario('Jebkurš pasažieris 18. novembrī', '2025-11-18', [
            person('Viesis', '1990-01-01', true),
          ]),
          scenario('Vēl nedzimis pasažieris', '2025-11-18', [
            person('Nākotnes pasažieris', '2026-01-01', false),
          ]),
        ],
      }),
    ],
  },
  {
    tenant: 'riga',
    code: 'riga.school_meals_1_4',
    versions: [
      {
        ...base,
        sector: 'education',
        effectiveFrom: '2022-09-01',
        nameLv: 'Brīvpusdienas 1.–4. klasei',
        nameEn: 'Free school lunch, grades 1–4',
        descriptionLv:
          'Skolēniem 1.–4. klasē pusdienas skolā bez maksas; izmaksas sedz valsts un pašvaldība līdzīgās daļās.',
        descriptionEn:
          'Pupils of grades 1–4 get lunch at school free of charge; the state and the municipality share the cost equally.',
        legalAct:
          'Izglītības likums un gadskārtējais valsts budžeta likums (valsts un pašvaldības līdzfinansējums 50/50)',
        legalPoint: null,
        legalUrl: 'https://likumi.lv/ta/id/50759',
        form: 'free',
        value: null,
        serviceCodes: [],
        weekdays: [1, 2, 3, 4, 5],
        priority: 200,
        rule: 'fact("education.grade") >= 1 && fact("education.grade") <= 4',
        scenarios: [
          scenario('2. klases skolēns', '2026-03-02', [
            person('Emīlija (8)', '2017-05-05', true, [fact('education.grade', '2', '2025-09-01')]),
          ]),
          scenario('6. klases skolēns', '2026-03-02', [
            person('Rihards (12)', '2013-05-05', false, [
              fact('education.grade', '6', '2025-09-01'),
            ]),
          ]),
        ],
      },
    ],
  },
  {
    tenant: 'sif',
    code: 'sif.museum_rundale',
    versions: [
      {
        ...base,
        sector: 'culture',
        effectiveFrom: '2022-05-01',
        nameLv: 'Goda ģimene – Rundāles pils muzejs',
        nameEn: 'Honour Family – Rundāle Palace Museum',
        descriptionLv:
          'Goda ģimenes apliecības turētājiem atlaide Rundāles pils muzeja ieejas biļetei atbilstoši muzeja cenrādim.',
        descriptionEn:
          'Honour Family card holders get a discount on the Rundāle Palace Museum entrance ticket, as in the museum’s price list.',
        legalAct:
          'Goda ģimenes programma (Sabiedrības integrācijas fonds); Kultūras ministrijas muzeju cenrāži',
        legalPoint: null,
        legalUrl: 'https://www.godagimene.lv/par-karti',
        form: 'percent',
        value: 50,
        serviceCodes: ['rundale.palace_ticket'],
        priority: 100,
        rule: 'holds("family.honour_card")',
        scenarios: [
          scenario('Kartes turētājs', '2026-03-02', [
            person('Inese', '1978-01-15', true, [
              fact('family.honour_card', 'GG-000123', '2016-01-01'),
            ]),
          ]),
          scenario('Bez kartes', '2026-03-02', [person('Ojārs', '1978-02-15', false)]),
        ],
      },
    ],
  },
  {
    tenant: 'merchant',
    code: 'maxima.honour_family',
    versions: [
      {
        ...base,
        sector: 'loyalty',
        effectiveFrom: '2024-01-01',
        nameLv: 'Goda ģimene – 10 % atlaide pirkumiem',
        nameEn: 'Honour Family – 10 % off purchases',
        descriptionLv:
          'Goda ģimenes apliecības turētājiem, uzrādot arī personu apliecinošu dokumentu, 10 % atlaide.',
        descriptionEn: 'Honour Family card holders showing an identity document get 10 % off.',
        legalAct: null,
        legalPoint: null,
        legalUrl: null,
        programmeTerms:
          'Atlaide tirgotāja veikalos Goda ģimenes apliecības turētājiem; nesummējas ar citām akcijām. / Discount in the merchant’s shops for Honour Family card holders; not combined with other offers.',
        form: 'percent',
        value: 10,
        serviceCodes: ['maxima.purchase'],
        priority: 50,
        rule: 'holds("family.honour_card")',
        scenarios: [
          scenario('Kartes turētājs', '2026-03-02', [
            person('Inese', '1978-01-15', true, [
              fact('family.honour_card', 'GG-000123', '2016-01-01'),
            ]),
          ]),
          scenario('Bez kartes', '2026-03-02', [person('Ojārs', '1978-02-15', false)]),
        ],
      },
    ],
  }
)

export const SEED_GROUPS: SeedGroup[] = [
  {
    tenant: 'riga',
    key: 'riga_family_register',
    nameLv: 'Rīgas ģimeņu atbalsta reģistrs',
    nameEn: 'Riga family support register',
  },
]

export const SEED_SERVICES: SeedService[] = [
  {
    tenant: 'rigas_satiksme',
    code: 'rs.single',
    nameLv: 'Vienreizējā e-biļete',
    nameEn: 'Single e-ticket',
    sector: 'transport',
    basePriceCents: 150,
  },
  {
    tenant: 'rigas_satiksme',
    code: 'rs.monthly',
    nameLv: 'Mēneša biļete',
    nameEn: 'Monthly ticket',
    sector: 'transport',
    basePriceCents: 3000,
  },
  {
    tenant: 'pasazieru_vilciens',
    code: 'pv.single_regional',
    nameLv: 'Vienreizējā biļete (reģionālais vilciens)',
    nameEn: 'Single ticket (regional train)',
    sector: 'transport',
    basePriceCents: 250,
  },
  {
    tenant: 'pasazieru_vilciens',
    code: 'pv.season',
    nameLv: 'Abonementa biļete',
    nameEn: 'Season ticket',
    sector: 'transport',
    basePriceCents: 4000,
  },
  {
    tenant: 'rundale',
    code: 'rundale.palace_ticket',
    nameLv: 'Pils ieejas biļete',
    nameEn: 'Palace entrance ticket',
    sector: 'culture',
    basePriceCents: 1500,
  },
  {
    tenant: 'merchant',
    code: 'maxima.purchase',
    nameLv: 'Pirkums veikalā',
    nameEn: 'Purchase in a shop',
    sector: 'loyalty',
    basePriceCents: 1000,
  },
]

const ATD_CODES = SEED_BENEFITS.filter((b) => b.tenant === 'atd').map((b) => b.code)

export const SEED_CONTRACTS: SeedContract[] = [
  {
    grantor: 'atd',
    provider: 'pasazieru_vilciens',
    reference: 'ATD-PV-2021',
    benefits: ATD_CODES,
    services: REGIONAL,
    validFrom: '2017-07-01',
    compensationMethod: 'full_difference',
  },
  {
    grantor: 'atd',
    provider: 'rigas_satiksme',
    reference: 'ATD-RS-2021',
    benefits: ['atd.disability_i_ii', 'atd.disabled_children', 'atd.accompanying', 'atd.orphans'],
    services: CITY,
    validFrom: '2021-07-01',
    compensationMethod: 'full_difference',
  },
  {
    grantor: 'riga',
    provider: 'rigas_satiksme',
    reference: 'RIGA-RS-2023',
    benefits: [
      'riga.pupils',
      'riga.seniors',
      'riga.students_monthly',
      'riga.large_family_monthly',
      'riga.free_days',
    ],
    services: CITY,
    validFrom: '2023-09-01',
    compensationMethod: 'full_difference',
    monthlyCapCents: 500_000_000,
  },
  {
    grantor: 'sif',
    provider: 'rundale',
    reference: 'SIF-RUNDALE-2022',
    benefits: ['sif.museum_rundale'],
    services: ['rundale.palace_ticket'],
    validFrom: '2022-05-01',
    compensationMethod: 'share_of_price',
    sharePercent: 50,
  },
]
