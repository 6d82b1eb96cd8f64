using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Tests.Database;

public sealed class SchemaTests(WebAppFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task The_model_has_no_changes_without_a_migration()
    {
        await using var db = Database.CreateContext();

        db.Database.HasPendingModelChanges().ShouldBeFalse(
            "The EF model changed but no migration was added: run `dotnet ef migrations add <Verb>` in src/MicroSpa.Data.");
    }

    [Fact]
    public async Task Every_migration_is_applied_to_the_test_database()
    {
        await using var db = Database.CreateContext();

        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        (await db.Database.GetAppliedMigrationsAsync()).ShouldContain(m => m.EndsWith("_AddAppointmentOverlapConstraints"));
    }

    [Fact]
    public async Task Tables_and_columns_are_snake_case()
    {
        await using var db = Database.CreateContext();

        var columns = await db.Database
            .SqlQueryRaw<string>("SELECT column_name AS \"Value\" FROM information_schema.columns WHERE table_name = 'appointments'")
            .ToListAsync();

        columns.ShouldContain("starts_at");
        columns.ShouldContain("blocked_until");
        columns.ShouldAllBe(c => c == c.ToLowerInvariant());
    }
}
