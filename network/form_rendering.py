"""How every form of the platform is drawn: one error summary at the top that links to each field, then each
field with its label, its help and its own errors beside it (a checkbox's after its label).

Forms rendered whole (`{{ form }}`) get all of it from the templates below; pages that lay fields out one by one
include `includes/error_summary.html` at the top of the form and call `field.as_field_group` for each field."""

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
