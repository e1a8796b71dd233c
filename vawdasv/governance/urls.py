from django.urls import path

from vawdasv.governance import views, views_calendar, views_pack, views_voice

app_name = "governance"
urlpatterns = [
    # Calendars first: "calendar" would otherwise read as a partnership's slug.
    path("calendar/", views_calendar.calendar_page, name="calendar"),
    path("calendar/new/", views_calendar.calendar_new, name="calendar-new"),
    path("calendar/stop/", views_calendar.calendar_stop, name="calendar-stop"),
    path("calendar/<str:token>.ics", views_calendar.person_feed, name="feed"),
    path("calendar/<str:token>/groups/<int:pk>.ics", views_calendar.group_feed, name="group-feed"),
    path("meetings/<int:pk>.ics", views_calendar.meeting_ics, name="meeting-ics"),
    path("<slug:slug>/", views.group_list, name="groups"),
    path("<slug:slug>/health/", views.health, name="health"),
    path("<slug:slug>/health/review.docx", views.health_review, name="health-review"),
    path("<slug:slug>/you-said-we-did/", views_voice.public_page, name="voice"),
    path("<slug:slug>/you-said-we-did/register/", views_voice.register, name="voice-register"),
    path("<slug:slug>/you-said-we-did/new/", views_voice.edit, name="voice-add"),
    path("<slug:slug>/you-said-we-did/<int:pk>/", views_voice.edit, name="voice-edit"),
    path("<slug:slug>/groups/new/", views.group_create, name="group-create"),
    path("<slug:slug>/bodies/new/", views.body_add, name="body-add"),
    path("groups/<int:pk>/", views.group_detail, name="group"),
    path("groups/<int:pk>/edit/", views.group_edit, name="group-edit"),
    path("groups/<int:pk>/seats/new/", views.seat_add, name="seat-add"),
    path("groups/<int:pk>/actions/", views.group_actions, name="group-actions"),
    path("meetings/<int:pk>/agenda/new/", views.agenda_add, name="agenda-add"),
    path("log/<int:pk>/", views.log_update, name="log-update"),
    path("groups/<int:pk>/meetings/new/", views.meeting_create, name="meeting-create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/pack/", views_pack.pack_request, name="pack"),
    path("packs/<int:pk>/", views_pack.pack_job, name="pack-job"),
    path("packs/<int:pk>/file/", views_pack.pack_file, name="pack-file"),
    path("meetings/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("meetings/<int:pk>/minutes/", views.minutes, name="minutes"),
    path("meetings/<int:pk>/minutes/approve/", views.approve_minutes, name="approve-minutes"),
    path("meetings/<int:pk>/decisions/new/", views.decision_add, name="decision-add"),
    path("meetings/<int:pk>/log/new/", views.log_add, name="log-add"),
]
