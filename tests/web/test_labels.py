"""The words of facilitator/labels.py: plurals through ngettext, one form for a script."""

import flask_babel

from facilitator import labels


def test_counts_agree_with_their_number_in_dutch(app):
    with app.test_request_context(), flask_babel.force_locale("nl"):
        assert labels.joined(1) == "1 doet mee"
        assert labels.joined(3) == "3 doen mee"
        assert labels.scored(1) == "1 heeft gescoord"
        assert labels.participants(12) == "12 deelnemers"
        assert labels.scores(36) == "36 scores"
        assert labels.counts()["joined"] == {"one": "{n} doet mee", "other": "{n} doen mee"}


def test_every_code_of_the_domain_has_its_words(app):
    with app.test_request_context(), flask_babel.force_locale("nl"):
        assert str(labels.REASONS["low_consensus"]) == "weinig overeenstemming"
        assert str(labels.REASONS["mixed_consensus"]) == "wisselend beeld"
        assert set(labels.BANDS) == {"low", "mixed", "agreement"}
        assert str(labels.WITHHELD["too_small"]) == "te klein"
        assert str(labels.WITHHELD["protects_smaller"]) == (
            "verborgen om een kleinere groep te beschermen")
        assert str(labels.READINGS["within_parties"]) == (
            "De verschillen lopen dwars door de organisaties")


def test_rounds_and_file_names_have_their_dutch_words(app):
    with app.test_request_context(), flask_babel.force_locale("nl"):
        assert labels.plain(labels.ROUND_KINDS) == {
            "now": "gemeten", "future": "wens", "after": "na het gesprek"}
        assert labels.plain(labels.DOWNLOAD_NAMES) == {
            "report": "rapport", "summary": "samenvatting", "scores": "scores",
            "actions": "actielijst", "form": "scoreformulier", "picture": "beeld",
            "session": "sessie", "figures": "cijfers", "record": "dossier"}
