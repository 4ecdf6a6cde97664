"""The answers of a profile that the knowledge prices: the kinds of product, the needs, the
regulated data and the deployment (hosting is billed by it). Defined here, with the knowledge, so that its check can name every answer the
scope and the products must cover without importing the advisor (which reads them from here
into the profile)."""

from enum import StrEnum
from typing import Self


class Choice(StrEnum):
    """A profile answer with its words: the value a profile file holds and the label people read.

    Each member is declared as `value = "value", "label"`, so a new choice is one line."""

    _value_: str
    label: str

    def __new__(cls, value: str, label: str) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


class Product(Choice):
    """What kind of product the backend serves."""

    saas = "saas", "a SaaS product"
    ai_product = "ai_product", "an AI-powered product"
    data_platform = "data_platform", "a data platform"
    business_app = "business_app", "a business application"
    api_service = "api_service", "an API-only service"
    mobile_backend = "mobile_backend", "a mobile app backend"
    realtime_app = "realtime_app", "a real-time application"
    small_api = "small_api", "a small, lightweight API"
    marketplace = "marketplace", "a marketplace (buyers and sellers)"
    ecommerce = "ecommerce", "an online shop (e-commerce)"


class Need(Choice):
    """Capabilities the backend must have."""

    admin_panel = "admin_panel", "an admin panel"
    ai_ml = "ai_ml", "AI/ML features"
    realtime = "realtime", "real-time features (WebSockets)"
    data_processing = "data_processing", "data processing and reporting"
    serverless = "serverless", "serverless functions"
    background_jobs = "background_jobs", "background jobs"
    public_api = "public_api", "a public API for third parties"
    payments = "payments", "taking payments (cards, subscriptions, payouts)"
    mobile_api = "mobile_api", "an API for mobile apps"


class RegulatedData(Choice):
    """The most sensitive data the backend will hold: regulated data is work of its own."""

    none = "none", "none: no data about people"
    personal = "personal", "personal data (names, e-mails, addresses: GDPR)"
    health = "health", "health data (medical records, symptoms: GDPR Art. 9, HIPAA)"
    payments = "payments", "card data the backend touches itself (PCI DSS)"
    not_sure = "not_sure", "not sure (an e-mail address is already personal data)"


class Deployment(Choice):
    """Where the backend will run: what decides how its hosting is billed."""

    containers = "containers", "containers (Docker, Kubernetes, VMs)"
    serverless = "serverless", "serverless functions (AWS Lambda and the like)"
    edge = "edge", "edge runtimes (Cloudflare Workers and the like)"
    paas = "paas", "a platform as a service (Heroku, Render, Fly.io)"
