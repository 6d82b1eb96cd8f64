using MicroSpa.Domain.Clients;

namespace MicroSpa.Domain.Tests.Clients;

public sealed class ClientTests
{
    [Theory]
    [InlineData("not-an-email")]
    [InlineData("two@@example.com")]
    [InlineData("Name <a@example.com>")]
    public void Refuses_a_malformed_email(string email)
    {
        Should.Throw<DomainException>(() => new Client("Ada", "Client", email, null, TestData.Now))
            .Field.ShouldBe(nameof(Client.Email));
    }

    [Fact]
    public void Trims_names_and_keeps_an_empty_phone_as_none()
    {
        var client = new Client("  Ada ", " Lovelace ", "ada@example.com", "   ", TestData.Now);

        client.FullName.ShouldBe("Ada Lovelace");
        client.Phone.ShouldBeNull();
    }

    [Fact]
    public void A_portal_account_cannot_be_swapped_for_another()
    {
        var client = TestData.Client();
        client.LinkAccount(Guid.NewGuid());

        Should.Throw<DomainException>(() => client.LinkAccount(Guid.NewGuid()));
    }

    [Fact]
    public void An_offered_account_reads_nothing_until_the_client_confirms_it()
    {
        var client = TestData.Client();
        var account = Guid.NewGuid();

        client.OfferAccount(account);

        client.UserId.ShouldBeNull();
        client.PendingUserId.ShouldBe(account);
        Should.Throw<DomainException>(() => client.OfferAccount(Guid.NewGuid()));
        client.ConfirmPendingAccount().ShouldBe(account);
        client.UserId.ShouldBe(account);
        client.PendingUserId.ShouldBeNull();
        Should.Throw<DomainException>(() => client.ConfirmPendingAccount());
        Should.Throw<DomainException>(() => client.OfferAccount(Guid.NewGuid()));
    }

    [Fact]
    public void Changing_the_email_drops_the_account_waiting_for_the_old_one()
    {
        var client = TestData.Client();
        client.OfferAccount(Guid.NewGuid());

        client.ChangeContact(client.Email!.ToUpperInvariant(), "555 0100");
        client.PendingUserId.ShouldNotBeNull("the same address in other letters is the same address");
        client.ChangeContact("someone.else@example.com", null);

        client.PendingUserId.ShouldBeNull();
        Should.Throw<DomainException>(() => client.ConfirmPendingAccount());
    }

    [Fact]
    public void Refuses_a_date_of_birth_in_the_future()
    {
        var today = new DateOnly(2026, 4, 14);
        Should.Throw<DomainException>(() => TestData.Client().RecordDateOfBirth(today.AddDays(1), today));
    }

    [Fact]
    public void A_walk_in_may_give_only_a_phone_but_not_nothing()
    {
        var walkIn = new Client("Wanda", "Walkin", null, " 555 0177 ", TestData.Now);

        walkIn.Email.ShouldBeNull();
        walkIn.Phone.ShouldBe("555 0177");
        Should.Throw<DomainException>(() => new Client("No", "Contact", " ", null, TestData.Now)).Field.ShouldBe(nameof(Client.Email));
    }

    [Fact]
    public void An_online_account_needs_an_email_and_keeps_it()
    {
        var walkIn = new Client("Wanda", "Walkin", null, "555 0177", TestData.Now);
        Should.Throw<DomainException>(() => walkIn.LinkAccount(Guid.NewGuid())).Field.ShouldBe(nameof(Client.Email));

        var client = TestData.Client();
        client.LinkAccount(Guid.NewGuid());
        Should.Throw<DomainException>(() => client.ChangeContact(null, "555 0100")).Field.ShouldBe(nameof(Client.Email));
    }
}
