using MicroSpa.Domain.Imports;

namespace MicroSpa.Domain.Tests.Imports;

public sealed class ImportUndoTests
{
    private static readonly DateOnly Born = new(1991, 4, 12);

    [Fact]
    public void Puts_back_every_field_the_import_changed_when_nothing_changed_since()
    {
        var before = new ReplacedDetails(null, "555-0142", null, null);
        var imported = new ReplacedDetails("ana@example.com", "555-0142", Born, "Likes tea");

        var plan = ImportUndo.For(3, before, imported, imported, hasAccount: false);

        plan.Restored.ShouldBe(before);
        plan.Kept.ShouldBeEmpty();
    }

    [Fact]
    public void Keeps_a_field_changed_since_the_import_and_says_which_line_and_field()
    {
        var before = new ReplacedDetails("ana@example.com", "555-0142", null, null);
        var imported = before with { DateOfBirth = Born, Notes = "Likes tea" };
        var now = imported with { DateOfBirth = new DateOnly(1991, 5, 1) };

        var plan = ImportUndo.For(3, before, imported, now, hasAccount: false);

        plan.Restored.ShouldBe(before with { DateOfBirth = new DateOnly(1991, 5, 1) });
        plan.Kept.ShouldBe(["Line 3: the date of birth was changed since the import, so it was kept as it is."]);
    }

    [Fact]
    public void Keeps_a_field_the_import_did_not_change_as_the_desk_left_it_without_a_note()
    {
        var before = new ReplacedDetails("ana@example.com", "555-0142", null, null);
        var imported = before with { DateOfBirth = Born };
        var now = imported with { Phone = "555-0999" };

        var plan = ImportUndo.For(3, before, imported, now, hasAccount: false);

        plan.Restored.ShouldBe(before with { Phone = "555-0999" });
        plan.Kept.ShouldBeEmpty();
    }

    [Fact]
    public void Keeps_the_email_of_a_client_who_has_an_online_account_since()
    {
        var before = new ReplacedDetails(null, "555-0166", null, null);
        var imported = before with { Email = "gil@example.com" };

        var plan = ImportUndo.For(2, before, imported, imported, hasAccount: true);

        plan.Restored.ShouldBe(imported);
        plan.Kept.ShouldBe(["Line 2: the email was kept: the client has an online account since, which signs in with it."]);
    }

    [Fact]
    public void Keeps_the_email_when_putting_it_back_would_leave_the_client_without_email_or_phone()
    {
        var before = new ReplacedDetails(null, "555-0166", null, null);
        var imported = before with { Email = "gil@example.com" };
        var now = imported with { Phone = null };

        var plan = ImportUndo.For(2, before, imported, now, hasAccount: false);

        plan.Restored.ShouldBe(now);
        plan.Kept.ShouldBe(["Line 2: the email was kept: without it the client would have neither an email nor a phone."]);
    }

    [Fact]
    public void A_row_imported_before_what_it_left_was_kept_is_put_back_without_looking()
    {
        var before = new ReplacedDetails("ana@example.com", "555-0142", null, null);
        var now = before with { DateOfBirth = Born };

        ImportUndo.For(0, before, null, now, hasAccount: false).Restored.ShouldBe(before);
    }
}
