using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Wallet;

namespace MicroSpa.Domain.Tests.Wallet;

public sealed class CreditLotTests
{
    private static readonly Guid Service = Guid.NewGuid();
    private static readonly Guid Client = Guid.NewGuid();
    private static readonly DateOnly Paid = new(2026, 1, 15);

    private static CreditLot Lot(int sessions = 3, decimal price = 900m)
    {
        var (_, version) = Package.Define(new PackageTerms("Face series of 3", [Service], sessions, new Money(price, "USD"), 6), Guid.NewGuid(), DateTimeOffset.UtcNow);
        var lot = new CreditLot(Guid.NewGuid(), Guid.NewGuid(), Client, version, price, []);
        lot.Issue(Paid, Guid.NewGuid(), DateTimeOffset.UtcNow);
        return lot;
    }

    [Fact]
    public void An_expired_credit_is_refused_the_day_after_its_expiry_and_usable_on_it()
    {
        var lot = Lot();
        lot.ExpiresOn.ShouldBe(new DateOnly(2026, 7, 15));
        Should.NotThrow(() => lot.RequireUsable(Client, Service, new DateOnly(2026, 7, 15)));
        Should.Throw<DomainException>(() => lot.RequireUsable(Client, Service, new DateOnly(2026, 7, 16)))
            .Message.ShouldBe("The credits of Face series of 3 expired on 2026-07-15.");
    }

    [Fact]
    public void A_credit_of_another_client_or_for_a_service_it_does_not_cover_is_refused()
    {
        var lot = Lot();
        Should.Throw<DomainException>(() => lot.RequireUsable(Guid.NewGuid(), Service, Paid)).Message.ShouldBe("That credit is another client's.");
        Should.Throw<DomainException>(() => lot.RequireUsable(Client, Guid.NewGuid(), Paid)).Message.ShouldBe("Face series of 3 does not cover this service.");
    }

    [Fact]
    public void The_refund_is_the_paid_price_less_the_sessions_used_at_their_price_never_below_zero()
    {
        var lot = Lot();
        lot.Redeem(Guid.NewGuid(), Guid.NewGuid(), Service, Client, 350m, Guid.NewGuid(), Paid, Guid.NewGuid(), DateTimeOffset.UtcNow);
        (lot.Left, lot.RefundDue).ShouldBe((2, 550m));
        lot.Redeem(Guid.NewGuid(), Guid.NewGuid(), Service, Client, 350m, Guid.NewGuid(), Paid, Guid.NewGuid(), DateTimeOffset.UtcNow);
        (lot.Left, lot.RefundDue).ShouldBe((1, 200m));

        var cheap = Lot(price: 500m);
        cheap.Redeem(Guid.NewGuid(), Guid.NewGuid(), Service, Client, 350m, Guid.NewGuid(), Paid, Guid.NewGuid(), DateTimeOffset.UtcNow);
        cheap.Redeem(Guid.NewGuid(), Guid.NewGuid(), Service, Client, 350m, Guid.NewGuid(), Paid, Guid.NewGuid(), DateTimeOffset.UtcNow);
        cheap.RefundDue.ShouldBe(0m, "not below zero");
        var refund = cheap.RefundUnused(null, "Moving away", Paid, Guid.NewGuid(), DateTimeOffset.UtcNow);
        (refund.Sessions, refund.Amount, cheap.Left).ShouldBe((1, 0m, 0));
        Should.Throw<DomainException>(() => cheap.RefundUnused(null, "Again", Paid, Guid.NewGuid(), DateTimeOffset.UtcNow));
    }

    [Fact]
    public void A_package_refuses_zero_sessions_and_a_price_not_above_zero()
    {
        Should.Throw<DomainException>(() => Package.Define(new PackageTerms("X", [Service], 0, new Money(100m, "USD"), 6), Guid.NewGuid(), DateTimeOffset.UtcNow)).Field.ShouldBe("Sessions");
        Should.Throw<DomainException>(() => Package.Define(new PackageTerms("X", [Service], 3, new Money(-1m, "USD"), 6), Guid.NewGuid(), DateTimeOffset.UtcNow)).Field.ShouldBe("Price");
        Should.Throw<DomainException>(() => Package.Define(new PackageTerms("X", [], 3, new Money(100m, "USD"), 6), Guid.NewGuid(), DateTimeOffset.UtcNow)).Field.ShouldBe("ServiceIds");
    }
}
