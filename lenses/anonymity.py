"""Which organisations' figures may be shown without exposing anyone.

Primary suppression hides an organisation with fewer than k (min_group) respondents.
That alone is not enough: the room's figures are shown too, so the pooled figure of the
hidden organisations follows from the room's total minus the shown ones — exact for a
lone respondent. Complementary suppression (the standard remedy in statistical
disclosure control; Hundepool et al., *Statistical Disclosure Control*, Wiley 2012,
ch. 4) therefore also hides the smallest shown organisations until the hidden ones
together hold no one or at least k respondents.
"""

from collections.abc import Mapping


def shown_organisations(counts: Mapping[str, int], min_group: int) -> set[str]:
    """The organisations (by name) whose figures may be shown, given their respondents."""
    shown = {name for name, n in counts.items() if n >= min_group}
    hidden = sum(n for name, n in counts.items() if name not in shown)
    while 0 < hidden < min_group and shown:
        smallest = min(shown, key=lambda name: (counts[name], name))
        shown.remove(smallest)
        hidden += counts[smallest]
    return shown
