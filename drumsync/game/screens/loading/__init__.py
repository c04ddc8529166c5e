"""The loading card between screens: what is coming, and a tip from the article."""

from .tip_card import TipCardScene

__all__ = ["TipCardScene"]
