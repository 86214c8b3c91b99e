"""Pages that are not in the sitemap but are checked like those that are.

Private pages (an organizer's status page, a volunteer's page) have no public
URL to list. Each entry is a function that takes no argument, makes what the
page needs in the database, and returns the page's path without the language
prefix (e.g. "propose/status/<token>/"). The sitemap walk visits each in both
languages. Each app registers its own in a module tests/browser/private_<app>.py
with the @private_page decorator; all such modules are loaded here.
"""

import importlib
import pkgutil

PRIVATE_PAGES = []


def private_page(func):
    PRIVATE_PAGES.append(func)
    return func


def load_private_pages():
    import tests.browser

    for module in pkgutil.iter_modules(tests.browser.__path__):
        if module.name.startswith("private_") and module.name != "private_pages":
            importlib.import_module(f"tests.browser.{module.name}")
    return PRIVATE_PAGES


def earlier_season():
    """A season before the current one (the real 5th season in the demo),
    made when there is none, for the pages of people coming back."""
    import datetime as dt

    from forum.models import Season
    from tests.factories import SeasonFactory

    current = Season.objects.current()
    earlier = Season.objects.filter(number__lt=current.number).order_by("-number").first()
    if earlier is not None:
        return earlier
    return SeasonFactory(
        number=current.number - 1,
        is_current=False,
        start_date=current.start_date - dt.timedelta(days=364),
        end_date=current.end_date - dt.timedelta(days=364),
        proposals_open=None,
        proposals_close=None,
        volunteers_open=None,
        volunteers_close=None,
    )
