from django.urls import path

from . import views

app_name = "dummy_scene"
urlpatterns = [path("", views.document_list, name="list"), path("map/", views.map_page, name="map")]
