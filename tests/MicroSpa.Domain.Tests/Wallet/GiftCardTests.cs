using MicroSpa.Domain.Wallet;

namespace MicroSpa.Domain.Tests.Wallet;

public sealed class GiftCardTests
{
    private static readonly DateOnly Sold = new(2026, 1, 15);
    private static readonly Guid Desk = Guid.NewGuid();

    private static (GiftCardBalance Balance, string Code) Card(decimal value = 100m, int? months = null)
    {
        var (card, issued, code) = GiftCard.Issue(Guid.NewGuid(), Guid.NewGuid(), value, "USD", months, Sold, Desk, DateTimeOffset.UtcNow);
        return (new GiftCardBalance(card, [issued]), code);
    }

    [Fact]
    public void A_code_is_twenty_characters_of_crockfords_base32_carrying_100_bits_and_two_codes_differ()
    {
        GiftCardCode.Bits.ShouldBeGreaterThanOrEqualTo(80 + (GiftCardCode.LastFourLength * 5), "80 bits stay secret once the last four are printed");
        var codes = Enumerable.Range(0, 2000).Select(_ => GiftCardCode.New()).ToList();
        codes.ShouldAllBe(c => c.Length == 20 && c.All(ch => "0123456789ABCDEFGHJKMNPQRSTVWXYZ".Contains(ch)));
        codes.Distinct().Count().ShouldBe(codes.Count);

        // Every character of the alphabet turns up: the random bits are spread over all 32 (a biased mapping would miss some).
        string.Concat(codes).Distinct().Count().ShouldBe(32);
    }

    [Fact]
    public void A_code_is_shown_in_five_groups_and_read_back_however_a_person_types_it()
    {
        const string code = "7K3Q0M1ZABCDEFGHJKMN";
        GiftCardCode.Format(code).ShouldBe("7K3Q-0M1Z-ABCD-EFGH-JKMN");
        GiftCardCode.Normalize("7k3q 0m1z-abcd efgh-jkmn").ShouldBe(code);
        GiftCardCode.Normalize("7K3Q-OM1Z-ABCD-EFGH-JKMN").ShouldBe(code, "an O is read as a zero");
        GiftCardCode.Normalize("7K3Q-0MIZ-ABCD-EFGH-JKMN").ShouldBe(code, "an I is read as a one");
        GiftCardCode.Normalize("7K3Q-0MLZ-ABCD-EFGH-JKMN").ShouldBe(code, "an L is read as a one");
        GiftCardCode.Normalize("7K3Q-0M1Z-ABCD-EFGH-JKM").ShouldBeNull("too short");
        GiftCardCode.Normalize("7K3Q-0M1Z-ABCD-EFGH-JKMU").ShouldBeNull("U is no character of the alphabet");
        GiftCardCode.Normalize(new string('A', 41)).ShouldBeNull();
        GiftCardCode.Normalize(null).ShouldBeNull();
        GiftCardCode.Hash(code).ShouldBe(GiftCardCode.Hash(GiftCardCode.Normalize("7k3q-0m1z-abcd-efgh-jkmn")!));
        GiftCardCode.Hash(code).Length.ShouldBe(64);
    }

    [Fact]
    public void The_card_keeps_the_hash_and_the_last_four_of_its_code_and_lasts_for_ever_unless_the_clinic_sets_months()
    {
        var (balance, code) = Card();
        balance.Card.CodeHash.ShouldBe(GiftCardCode.Hash(code));
        balance.Card.LastFour.ShouldBe(code[^4..]);
        balance.Card.ExpiresOn.ShouldBeNull();
        Card(months: 60).Balance.Card.ExpiresOn.ShouldBe(new DateOnly(2031, 1, 15));
    }

    [Fact]
    public void Part_of_the_balance_pays_more_than_is_left_is_refused_and_what_comes_back_is_a_new_entry()
    {
        var (balance, _) = Card(100m);
        var visit = Guid.NewGuid();
        var first = balance.Redeem(visit, 60m, Guid.NewGuid(), Sold, Desk, DateTimeOffset.UtcNow);
        balance.Left.ShouldBe(40m);
        Should.Throw<DomainException>(() => balance.RequireUsable(40.01m, Sold)).Field.ShouldBe("GiftCardAmount");
        balance.Redeem(visit, 40m, Guid.NewGuid(), Sold, Desk, DateTimeOffset.UtcNow);
        Should.Throw<DomainException>(() => balance.RequireUsable(0.01m, Sold)).Message.ShouldContain("Nothing is left on the gift card");

        balance.GiveBack(first, 25m, null, "Goodwill", Sold, Desk, DateTimeOffset.UtcNow);
        balance.Left.ShouldBe(25m);
        balance.NotGivenBack(first).ShouldBe(35m);
        Should.Throw<InvalidOperationException>(() => balance.GiveBack(first, 35.01m, null, "Too much", Sold, Desk, DateTimeOffset.UtcNow));
        balance.Entries.Count.ShouldBe(4, "nothing was changed, entries were added");
    }

    [Fact]
    public void An_expired_card_is_refused_the_day_after_its_last_day_and_usable_on_it()
    {
        var (balance, _) = Card(100m, months: 12);
        Should.NotThrow(() => balance.RequireUsable(10m, new DateOnly(2027, 1, 15)));
        Should.Throw<DomainException>(() => balance.RequireUsable(10m, new DateOnly(2027, 1, 16)))
            .Message.ShouldBe($"The gift card {balance.Card.Display} expired on 2027-01-15: nothing was taken.");
    }

    [Fact]
    public void A_sale_voided_before_use_revokes_the_value_and_after_use_is_refused()
    {
        var (unused, _) = Card(50m);
        unused.Revoke("Sold by mistake", Sold, Desk, DateTimeOffset.UtcNow)!.Amount.ShouldBe(50m);
        unused.Left.ShouldBe(0m);
        Should.Throw<DomainException>(() => unused.RequireUsable(1m, Sold)).Message.ShouldContain("was voided with its sale");

        var (used, _) = Card(50m);
        used.Redeem(Guid.NewGuid(), 10m, Guid.NewGuid(), Sold, Desk, DateTimeOffset.UtcNow);
        Should.Throw<DomainException>(() => used.Revoke("Changed their mind", Sold, Desk, DateTimeOffset.UtcNow));
    }
}
