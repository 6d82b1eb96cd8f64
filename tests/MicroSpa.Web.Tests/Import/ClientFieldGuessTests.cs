using MicroSpa.Web.Features.Import;

namespace MicroSpa.Web.Tests.Import;

/// <summary>The mapping page's first guess of each column's field, from the header's name.</summary>
public sealed class ClientFieldGuessTests
{
    [Theory]
    [InlineData("First Name", ClientField.FirstName)]
    [InlineData("first_name", ClientField.FirstName)]
    [InlineData("FIRSTNAME", ClientField.FirstName)]
    [InlineData("Prénom", ClientField.FirstName)]
    [InlineData("Given name", ClientField.FirstName)]
    [InlineData("Last Name", ClientField.LastName)]
    [InlineData("surname", ClientField.LastName)]
    [InlineData("Name", ClientField.FullName)]
    [InlineData("Client Name", ClientField.FullName)]
    [InlineData("E-mail", ClientField.Email)]
    [InlineData("Email Address", ClientField.Email)]
    [InlineData("Client e-mail", ClientField.Email)]
    [InlineData("Mobile", ClientField.Phone)]
    [InlineData("Cell Phone #", ClientField.Phone)]
    [InlineData("Phone Number", ClientField.Phone)]
    [InlineData("DOB", ClientField.DateOfBirth)]
    [InlineData("Date of Birth", ClientField.DateOfBirth)]
    [InlineData("Birthday", ClientField.DateOfBirth)]
    [InlineData("Notes", ClientField.Notes)]
    [InlineData("Comments", ClientField.Notes)]
    [InlineData("Client ID", ClientField.ExternalId)]
    [InlineData("Gender", ClientField.None)]
    [InlineData("", ClientField.None)]
    public void A_header_is_guessed_as_the_field_it_names(string header, ClientField expected) =>
        ClientFields.Guess(header).ShouldBe(expected);

    [Fact]
    public void Each_field_goes_to_the_first_column_that_names_it()
    {
        ClientFields.Propose(["Mobile", "Home phone", "Email", "First", "Last"], _ => null)
            .ShouldBe([ClientField.Phone, ClientField.None, ClientField.Email, ClientField.FirstName, ClientField.LastName]);
    }

    [Fact]
    public void A_full_name_is_proposed_only_when_the_first_and_last_name_have_no_columns()
    {
        ClientFields.Propose(["Name", "First name", "Last name"], _ => null)
            .ShouldBe([ClientField.None, ClientField.FirstName, ClientField.LastName]);
    }

    [Fact]
    public void What_the_source_remembers_wins_over_the_guess()
    {
        ClientFields.Propose(["Tel", "Info"], h => h == "Info" ? ClientField.Notes : h == "Tel" ? ClientField.None : null)
            .ShouldBe([ClientField.None, ClientField.Notes]);
    }

    [Theory]
    [InlineData("Ana Nunez", "Ana", "Nunez")]
    [InlineData("Nunez, Ana", "Ana", "Nunez")]
    [InlineData("Mary Ann  Smith", "Mary Ann", "Smith")]
    [InlineData("Cher", "Cher", "")]
    public void A_full_name_is_split_into_first_and_last(string full, string first, string last) =>
        ClientRows.SplitName(full).ShouldBe((first, last));

    [Theory]
    [InlineData("1990-04-12", false, "1990-04-12")]
    [InlineData("1990-04-12T00:00:00", true, "1990-04-12")]
    [InlineData("4/12/1990", false, "1990-04-12")]
    [InlineData("12/4/1990", true, "1990-04-12")]
    [InlineData("12.04.1990", true, "1990-04-12")]
    [InlineData("April 12, 1990", false, "1990-04-12")]
    [InlineData("12 Apr 1990", true, "1990-04-12")]
    public void Dates_of_birth_are_read_in_the_order_chosen(string text, bool dayFirst, string expected) =>
        ClientRows.ReadDate(text, dayFirst).ShouldBe(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("31/12/1990", false)]
    [InlineData("4/12/90", false)]
    [InlineData("soon", false)]
    [InlineData("1990-13-01", true)]
    public void A_date_that_cannot_be_read_is_not_guessed(string text, bool dayFirst) =>
        ClientRows.ReadDate(text, dayFirst).ShouldBeNull();
}
