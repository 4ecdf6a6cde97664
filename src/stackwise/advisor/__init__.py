"""The advisor: `recommend(profile, knowledge)` ranks the four stacks and explains why."""

from __future__ import annotations

from stackwise.advisor.engine import recommend, top_stack
from stackwise.advisor.errors import FieldProblem, ProfileError, parse_profile
from stackwise.advisor.profile import ProjectProfile
from stackwise.advisor.profile_file import read_profile_file
from stackwise.advisor.recommendation import Recommendation

__all__ = [
    "FieldProblem",
    "ProfileError",
    "ProjectProfile",
    "Recommendation",
    "parse_profile",
    "read_profile_file",
    "recommend",
    "top_stack",
]
