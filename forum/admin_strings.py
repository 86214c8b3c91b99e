"""Django's and the admin packages' strings that read wrong in Arabic.

Our catalogue is read before Django's and the packages' own (LOCALE_PATHS),
so a msgid listed here and translated in locale/ar replaces theirs. Marking
them with gettext_noop is what keeps them there: makemessages only keeps a
msgid it finds in the project's code. The msgids must stay exactly as in
Django (django/contrib/admin) and django-import-export, quotes included.

Why each was replaced: an imperative before a name that needs the
accusative («أضف متطوع»), a verb agreeing with no noun, an English string
with no Arabic at all, or a plain mistranslation (a change reported as an
addition, the exporter called an importer). Verbal nouns (إضافة، تعديل)
take the name in the genitive, which reads right for every model.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

ADMIN = [
    # Titles and buttons around a model's name.
    gettext_noop("Add %(name)s"),
    gettext_noop("Add %s"),
    gettext_noop("Change %s"),
    gettext_noop("View %s"),
    gettext_noop("Select %s"),
    gettext_noop("Select %s to change"),
    gettext_noop("Select %s to view"),
    gettext_noop("Add another %(verbose_name)s"),
    gettext_noop("Delete selected %(verbose_name_plural)s"),
    # The list, its filters and its pages.
    gettext_noop(" By %(filter_title)s "),
    gettext_noop("Show all"),
    gettext_noop("Go"),
    gettext_noop("Run the selected action"),
    gettext_noop("Select all %(total_count)s %(module_name)s"),
    gettext_noop("0 of %(cnt)s selected"),
    gettext_noop("Filter"),
    gettext_noop("History"),
    gettext_noop("View"),
    gettext_noop("Log in"),
    gettext_noop("Delete?"),
    gettext_noop("Hold down “Control”, or “Command” on a Mac, to select more than one."),
    # Saving.
    gettext_noop("Save"),
    gettext_noop("Save and add another"),
    gettext_noop("Save and continue editing"),
    gettext_noop("Save as new"),
    gettext_noop("Save and view"),
    gettext_noop("Delete"),
    # Messages after a save or an action.
    gettext_noop("The {name} “{obj}” was added successfully."),
    gettext_noop("The {name} “{obj}” was changed successfully."),
    gettext_noop("The %(name)s “%(obj)s” was deleted successfully."),
    gettext_noop("You may edit it again below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may edit it again below."),
    gettext_noop("Successfully deleted %(count)d %(items)s."),
    gettext_noop("Changed {fields} for {name} “{object}”."),
    gettext_noop("No, take me back"),
    gettext_noop("Yes, I’m sure"),
    gettext_noop("Delete multiple objects"),
    gettext_noop(
        "Are you sure you want to delete the selected %(objects_name)s? All of the "
        "following objects and their related items will be deleted:"
    ),
    gettext_noop(
        "Items must be selected in order to perform actions on them. No items have been changed."
    ),
]

ADMIN_PLURALS = [
    ngettext_lazy(
        "%(count)s %(name)s was changed successfully.",
        "%(count)s %(name)s were changed successfully.",
        1,
    ),
]

# django-import-export's export page: the Arabic it ships calls the exporter
# an importer, and leaves the count untranslated.
IMPORT_EXPORT = [
    gettext_noop("This exporter will export the following fields: "),
    gettext_noop("Select all"),
    gettext_noop("Submit"),
    ngettext_lazy("Export %(len)s selected item.", "Export %(len)s selected items.", 1),
]

# Models of django-axes and django-tasks-db that the admin's sidebar lists on
# every page, and that ship no Arabic, or an Arabic plural without its article
# (which broke «احذف %(verbose_name_plural)s المحدَّدة») or with an adjective of
# the wrong gender («سجل دخول فاشلة»).
PACKAGES = [
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
]

# django.contrib.auth: strings Django 5.1 and 5.2 added that its Arabic lacks
# (the user's password section), and the hash summary's words left in Latin.
AUTH = [
    gettext_noop("Reset password"),
    gettext_noop("Set password"),
    gettext_noop("Set password: %s"),
    gettext_noop("Password-based authentication"),
    gettext_noop("Password-based authentication was disabled."),
    gettext_noop("Enabled"),
    gettext_noop("Disabled"),
    gettext_noop("Raw passwords are not stored, so there is no way to see the user’s password."),
    gettext_noop("Enable password-based authentication for this user by setting a password."),
    gettext_noop(
        "Whether the user will be able to authenticate using a password or not. If disabled, "
        "they may still be able to authenticate using other backends, such as Single Sign-On "
        "or LDAP."
    ),
    gettext_noop("Conflicting form data submitted. Please try again."),
    gettext_noop(
        "Enter a valid username. This value may contain only unaccented lowercase a-z and "
        "uppercase A-Z letters, numbers, and @/./+/-/_ characters."
    ),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        1,
    ),
    gettext_noop("salt"),
    gettext_noop("hash"),
]
