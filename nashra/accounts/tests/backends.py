from axes.backends import AxesStandaloneBackend


class ClientLoginLockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check for the tests: Django's test ``Client.login()`` authenticates
    without a request, which axes refuses; that one call is let through unchecked. Every
    sign-in through a page (the admin's, a browser test's) is checked as in production."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
