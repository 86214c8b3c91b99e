"""Convergence's private pages, for the sitemap walk: a proposal with a
similar one to invite and an invitation to answer, the invitation form, and
a proposal merged into another."""

from tests.browser.private_activities import make_proposal
from tests.browser.private_pages import private_page

WOMEN = {
    "title_ar": "ورشة عمل حول التمكين الاقتصادي للمرأة في البصرة",
    "summary_ar": "تدريب النساء على إدارة المشاريع الصغيرة وتحقيق الاستقلال الاقتصادي.",
}
WOMEN_TOO = {
    "title_ar": "تمكين المرأة اقتصادياً في محافظة البصرة",
    "summary_ar": "ورشة لتعزيز مشاركة النساء في سوق العمل والمشاريع الصغيرة في البصرة.",
}


def close_pair():
    one = make_proposal(open_to_convergence=True, **WOMEN)
    other = make_proposal(
        open_to_convergence=True, organization_ar="منظمة شط العرب للتنمية", **WOMEN_TOO
    )
    return one, other


@private_page
def proposal_with_similar_ones_and_an_invitation():
    from activities.convergence import services

    one, other = close_pair()
    third = make_proposal(open_to_convergence=True, organization_ar="رابطة نساء البصرة", **WOMEN)
    services.invite(third, one, kind="merge", message="هل نقيم ورشة واحدة معاً؟")
    return f"propose/status/{one.private_token}/"


@private_page
def invitation_to_join_forces():
    one, other = close_pair()
    return f"propose/status/{one.private_token}/converge/{other.pk}/"


@private_page
def proposal_merged_into_another():
    from activities.convergence import services

    one, other = close_pair()
    convergence = services.invite(one, other, kind="merge")
    services.answer(convergence, accept=True)
    services.merge(convergence, keep=one, by=None)
    return f"propose/status/{other.private_token}/"
