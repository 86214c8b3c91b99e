"""Who saw, exported or changed organizers' and volunteers' contact data in
the admin: one PersonalDataAccess row per page, download or change."""

from .models import PersonalDataAccess

Action = PersonalDataAccess.Action


def record_access(request, action, records):
    """Records that request's user did action to records (a queryset or a list
    of model instances, all of one model)."""
    records = list(records)
    if not records:
        return None
    user = request.user
    return PersonalDataAccess.objects.create(
        user=user,
        username=user.get_username(),
        action=action,
        model=records[0]._meta.label_lower,
        object_ids=sorted(record.pk for record in records),
        path=request.get_full_path()[:500],
    )


class RecordsContactDataAccess:
    """For the ModelAdmin of a model with contact data: its change page (seen
    or saved with changed contact fields) and its exports are recorded."""

    contact_fields = ()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            obj = self.get_object(request, object_id)
            if obj is not None:
                record_access(request, Action.VIEW, [obj])
        return response

    # save_related, not save_model: the ModelAdmins replace save_model with
    # their own services; this runs after it, once the change is saved.
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change and set(form.changed_data) & set(self.contact_fields):
            record_access(request, Action.CHANGE, [form.instance])

    def get_export_data(self, file_format, request, queryset, **kwargs):
        data = super().get_export_data(file_format, request, queryset, **kwargs)
        record_access(request, Action.EXPORT, queryset)
        return data
