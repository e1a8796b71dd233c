from django.urls import path

from vawdasv.partnerships import views, views_aliases, views_people, views_settings

app_name = "partnerships"
urlpatterns = [
    path("", views.partnership_list, name="list"),
    path("<slug:slug>/", views.partnership_detail, name="detail"),
]

# The partnership's alias list (imported leads are matched to organisations through it).
urlpatterns += [
    path("<slug:slug>/aliases/", views_aliases.alias_list, name="aliases"),
    path("<slug:slug>/aliases/add/", views_aliases.alias_add, name="alias-add"),
    path("<slug:slug>/aliases/<int:pk>/delete/", views_aliases.alias_delete, name="alias-delete"),
]

# The regional team's settings (reverting a lead officer's direct edit is a plans page).
urlpatterns += [
    path("<slug:slug>/settings/", views_settings.partnership_settings, name="settings"),
]

# People and organisations, managed by the regional team; invitation links for the invited.
urlpatterns += [
    path("<slug:slug>/people/", views_people.people, name="people"),
    path("<slug:slug>/people/invite/", views_people.invite, name="invite"),
    path("<slug:slug>/people/<int:pk>/", views_people.membership, name="membership"),
    path("<slug:slug>/organisations/", views_people.organisations, name="organisations"),
    path(
        "<slug:slug>/organisations/<int:pk>/add/",
        views_people.organisation_add,
        name="organisation-add",
    ),
    path("invitations/<str:token>/", views_people.accept_invitation, name="accept-invitation"),
    path(
        "invitations/<str:token>/renew/",
        views_people.renew_invitation,
        name="renew-invitation",
    ),
]
