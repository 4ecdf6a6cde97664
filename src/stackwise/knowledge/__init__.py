"""Knowledge base: stacks, factors, rules, costs and sources, loaded from TOML and versioned."""

from __future__ import annotations

from stackwise.knowledge.loader import KnowledgeError, knowledge_dir, load_knowledge
from stackwise.knowledge.models import Factor, Knowledge, Rule, Source, Stack

__all__ = [
    "Factor",
    "Knowledge",
    "KnowledgeError",
    "Rule",
    "Source",
    "Stack",
    "knowledge_dir",
    "load_knowledge",
]
