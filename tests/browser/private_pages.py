"""Pages that are not in the sitemap but are checked like those that are.

Private pages (an organizer's status page, a volunteer's page) have no public
URL to list. Each entry is a function that takes no argument, makes what the
page needs in the database, and returns the page's path without the language
prefix (e.g. "propose/status/<token>/"). The sitemap walk visits each in both
languages.
"""

PRIVATE_PAGES = []


def private_page(func):
    PRIVATE_PAGES.append(func)
    return func
