"""The protocol and ranking options a front end may choose from (the evaluation core's)."""

from stylerec_app.domain.days import day_number
from stylerec_app.evaluation.ranking import CANDIDATES, RankingOptions
from stylerec_app.evaluation.splits import PROTOCOLS, Protocol

__all__ = ["CANDIDATES", "PROTOCOLS", "Protocol", "RankingOptions", "day_number"]
