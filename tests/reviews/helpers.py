"""Posting a review from a proposal's admin page, as the browser would."""

import re

from django.urls import reverse

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def proposal_url(activity, language="en"):
    return f"/{language}" + reverse("admin:reviews_proposaltoreview_change", args=[activity.pk])[3:]


def post_review(client, activity, *, relevance, quality, feasibility, comment="", language="en"):
    """The page's hidden inputs (the inlines' management forms, the review's
    id when it exists) and the scores, posted back."""
    url = proposal_url(activity, language)
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    data = {
        name: value
        for name, value in HIDDEN.findall(page.content.decode())
        if name.startswith("reviews")
    }
    data.update(
        {
            "reviews-0-relevance": relevance,
            "reviews-0-quality": quality,
            "reviews-0-feasibility": feasibility,
            "reviews-0-comment": comment,
            "_continue": "1",
        }
    )
    return client.post(url, data)
