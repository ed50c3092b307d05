/**
 * The eligibility rule language of Atvieglo.
 *
 * A rule is one CEL expression (the Common Expression Language, parsed by
 * the standard @bufbuild/cel parser) that answers yes or no about one person
 * on one date. It is type-checked against the attribute catalogue when it is
 * saved and compiled to a JavaScript function for the engine.
 *
 * Names
 *   age            the person's age in full years on the date (int). A person
 *                  born on 29 February turns a year older on 1 March in
 *                  common years.
 *   municipality   the declared municipality on the date, the same as
 *                  fact("residence.municipality").
 *   birth_date     the birth date (date).
 *
 * Functions (arguments in quotes are fixed names, checked at save time)
 *   fact("attr")            the value of a register attribute on the date,
 *                           typed by the catalogue: enum, text, int, yes/no
 *                           or date.
 *   holds("attr")           yes when a fact of the attribute holds on the
 *                           date; for a yes/no attribute, when it is yes.
 *   in_group("key")         yes when the person is a member of the person
 *                           group on the date.
 *   has_identifier("type")  yes when the person holds an identification
 *                           means of the type on the date (eid, etalons…).
 *   date("YYYY-MM-DD")      a date, to compare with a date attribute.
 *   ns.name(args…)          a function a plugin declares (ruleFunctions);
 *                           it receives its declared arguments and then a
 *                           context { person, on }.
 *
 * Operators
 *   && || !  ==  !=  <  <=  >  >=  in [..]  cond ? a : b
 *   Ordering works on numbers and dates; text and yes/no compare with == and
 *   != only; the right side of `in` is a list of fixed values. Arithmetic,
 *   maps, field access, macros (all, exists…), doubles, bytes and null are
 *   refused with a clear error.
 *
 * Missing values
 *   When the person has no fact of an attribute on the date (or no birth
 *   date), comparisons with it are false, except != which is true, and `in`
 *   is false. Write !holds("attr") to ask for the absence of a fact.
 *
 * Dates and periods
 *   Dates are Europe/Riga calendar dates, YYYY-MM-DD. Periods are inclusive:
 *   `to` is the last day a fact, membership or entitlement holds; null is
 *   open-ended. When facts of one attribute overlap, the one that started
 *   last counts. A person is never entitled after the death date.
 *
 * Examples
 *   age >= 65 && municipality == "Rīga"
 *   fact("disability.group") in ["I", "II"]
 *   holds("status.orphan") && age < 24
 *   in_group("riga_pupils") || has_identifier("pupil_card")
 *   fact("education.grade") >= 1 && fact("education.grade") <= 4
 *
 * Errors carry a 1-based line and column (in characters), a code and a
 * message in Latvian and English (resources/lang/{lv,en}/rules.json).
 */
export { checkRule, RULE_FUNCTIONS, RULE_VARIABLES } from './check_rule.js'
export { parseRule, positionAt } from './parse_rule.js'
export {
  compileRule,
  compileForDate,
  compileRuleSet,
  type CompiledRule,
  type CompiledRuleSet,
  type RuleSetForDate,
  type RuleForDate,
  type RuleForAnyDate,
} from './compile_rule.js'
export { evaluatePeriods, evaluateSetPeriods } from './evaluate_periods.js'
export { explainRule, interpretRule, printRule } from './explain_rule.js'
export {
  runScenarios,
  scenarioPersonFacts,
  typedFactValue,
  ScenarioDataError,
  type RuleScenario,
  type ScenarioPerson,
  type ScenarioReport,
} from './scenarios.js'
export { toPlainCel, plainSnapshot, isAliveOn, type PlainSnapshot } from './plain_cel.js'
export { valueOn } from './runtime.js'
export * from './types.js'
