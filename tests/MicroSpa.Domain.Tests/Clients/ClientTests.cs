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
    public void Refuses_a_date_of_birth_in_the_future()
    {
        var today = new DateOnly(2026, 4, 14);
        Should.Throw<DomainException>(() => TestData.Client().RecordDateOfBirth(today.AddDays(1), today));
    }
}
