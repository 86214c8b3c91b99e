"""Outcomes, recommendations, initiatives and their members show on pages kept
by the programme cache (activities.cache): any change makes them stale."""

from django.db.models.signals import post_delete, post_save

from activities.cache import _programme_changed


def connect_signals():
    from .models import Initiative, InitiativeMember, Outcome, Recommendation

    for model in (Outcome, Recommendation, Initiative, InitiativeMember):
        uid = f"programme-cache-{model._meta.label_lower}"
        post_save.connect(_programme_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_programme_changed, sender=model, dispatch_uid=f"{uid}-delete")
