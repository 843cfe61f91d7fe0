from django.contrib import admin


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """An admin page that only shows rows: they change through the platform's services, which audit and notify."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
