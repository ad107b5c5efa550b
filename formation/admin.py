from django.contrib import admin

from formation.models import Completion, Course, Enrolment, Session


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "format", "audience", "language", "requirable", "active"]
    list_filter = ["format", "audience", "language", "active"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SessionInline]


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ["user", "session", "status", "created_at"]
    list_filter = ["status", "session__course"]
    list_select_related = ["user", "session__course"]


@admin.register(Completion)
class CompletionAdmin(admin.ModelAdmin):
    list_display = ["user", "course", "status", "completed_on"]
    list_filter = ["status", "course"]
    list_select_related = ["user", "course"]
