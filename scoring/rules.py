"""What each criterion, tier and profile signal tests, one small function each.

The catalogue (`scoring.catalogue`) names, orders and explains these; the engine applies
precedence. Each function maps a `Population` to a three-valued array (true / false / unknown).
"""

from __future__ import annotations

from typing import Final

from scoring.population import Population, Tri, both, either, known, negate, tri


# -- automated criteria (table 7 of the report) -------------------------------------------
def no_residence_status(p: Population) -> Tri:
    """C01: the detainee has no residence status."""
    return p.flag("no_residence_status")


def low_recidivism_risk(p: Population) -> Tri:
    """C02: a current RISC rates the recidivism risk low."""
    return p.current_risk_is("low")


def no_probation_information(p: Population) -> Tri:
    """C03: probation has no record, or its newest information is absent or too old."""
    age, missing = p.newest_information_age
    too_old = missing | (age > p.policy.information_max_age_days)
    return known(~p.frame["has_probation_record"].to_numpy(dtype=bool) | too_old)


def short_stay(p: Population) -> Tri:
    """C04: expected release comes less than `short_stay_days` after intake."""
    stay, missing = p.stay_days
    return tri(stay < p.policy.short_stay_days, missing)


def pending_advice(p: Population) -> Tri:
    """C05 (remand): an advice is requested, or the prosecutor investigates ISD or TBS."""
    return both(p.remand, either(p.flag("advice_requested"), p.flag("om_isd_tbs_investigation")))


def young_adult_without_asr(p: Population) -> Tri:
    """C06 (remand): a young adult for whom the adolescent-law framework was not applied."""
    return both(p.remand, p.young_adult, negate(p.flag("asr_framework_applied")))


def supervision_after_detention(p: Population) -> Tri:
    """C07: supervision after detention is imposed."""
    return p.flag("supervision_after_detention")


def article_43_3_placement(p: Population) -> Tri:
    """C08: placement under article 43.3."""
    return p.flag("article_43_3_placement")


def isd_or_tbs_imposed(p: Population) -> Tri:
    """C09: ISD or TBS is imposed."""
    return either(p.flag("isd_imposed"), p.flag("tbs_imposed"))


def outflow_care_authorisation(p: Population) -> Tri:
    """C10: the detainee leaves with a care authorisation (zorgmachtiging)."""
    return p.flag("outflow_care_authorisation")


# -- optional tiers -----------------------------------------------------------------------
def lvb(p: Population) -> Tri:
    """T1: the SCIL screener suggests a possible mild intellectual disability."""
    return p.flag("scil_lvb_indication")


def violence_offence(p: Population) -> Tri:
    """T2: the current offence is a violence article of the Criminal Code."""
    return p.violence_offence


def high_risk(p: Population) -> Tri:
    """T3: a current RISC rates the recidivism risk high."""
    return p.current_risk_is("high")


def multi_problem(p: Population) -> Tri:
    """T4: at least `multi_problem_min_factors` criminogenic factors."""
    count, missing = p.list_count("criminogenic_factors")
    return tri(count >= p.policy.multi_problem_min_factors, missing)


def young_adult(p: Population) -> Tri:
    """T5: age in the young-adult range."""
    return p.young_adult


# -- weighing profile: the report's consensus combination --------------------------------
# The report's combination names its own thresholds (SOM.md, "weighing profile"); unlike the
# T4 tier they are not policy: the profile describes the consensus, it never sets a band.
PROFILE_MIN_CRIMINOGENIC_FACTORS: Final = 3
PROFILE_MAX_PROTECTIVE_FACTORS: Final = 1


def risk_medium_or_high(p: Population) -> Tri:
    """Profile: a current RISC rates the recidivism risk medium or high."""
    return p.current_risk_is("medium", "high")


def many_criminogenic_factors(p: Population) -> Tri:
    """Profile: many criminogenic factors (at least `PROFILE_MIN_CRIMINOGENIC_FACTORS`)."""
    count, missing = p.list_count("criminogenic_factors")
    return tri(count >= PROFILE_MIN_CRIMINOGENIC_FACTORS, missing)


def few_protective_factors(p: Population) -> Tri:
    """Profile: at most `PROFILE_MAX_PROTECTIVE_FACTORS` protective factors."""
    count, missing = p.list_count("protective_factors")
    return tri(count <= PROFILE_MAX_PROTECTIVE_FACTORS, missing)


def limited_self_reliance(p: Population) -> Tri:
    """Profile: self-reliance is limited."""
    return tri(p.text_equals("self_reliance", "limited"), p.text_missing("self_reliance"))


def motivatable(p: Population) -> Tri:
    """Profile: the detainee can be motivated."""
    return tri(p.text_equals("motivation", "motivatable"), p.text_missing("motivation"))
