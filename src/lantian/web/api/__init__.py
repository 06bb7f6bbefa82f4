"""The JSON API (Django REST framework); every view asks ``lantian.web.access``."""
