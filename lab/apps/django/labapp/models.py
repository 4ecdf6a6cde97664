"""The lab tables, created by lab/schema.sql (hence unmanaged)."""

from django.db import models


class World(models.Model):
    randomnumber = models.IntegerField()

    class Meta:
        managed = False
        db_table = "world"


class Fortune(models.Model):
    message = models.CharField(max_length=2048)

    class Meta:
        managed = False
        db_table = "fortune"


class Account(models.Model):
    name = models.TextField()
    api_key = models.TextField(unique=True)

    class Meta:
        managed = False
        db_table = "accounts"


class Customer(models.Model):
    account = models.ForeignKey(Account, on_delete=models.DO_NOTHING)
    name = models.TextField()

    class Meta:
        managed = False
        db_table = "customers"


class Invoice(models.Model):
    account = models.ForeignKey(Account, on_delete=models.DO_NOTHING)
    customer = models.ForeignKey(Customer, on_delete=models.DO_NOTHING)
    number = models.TextField()
    status = models.TextField()
    amount_cents = models.BigIntegerField()
    currency = models.CharField(max_length=3)
    issued_on = models.DateField()

    class Meta:
        managed = False
        db_table = "invoices"
