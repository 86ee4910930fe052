from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "nashra.accounts"
    label = "accounts"

    def ready(self):
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in

        from .lockout import forget_failures_on_sign_in, log_lockout

        user_locked_out.connect(log_lockout, dispatch_uid="nashra-log-lockout")
        user_logged_in.connect(forget_failures_on_sign_in, dispatch_uid="nashra-forget-failures")
