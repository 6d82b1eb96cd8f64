using System.IO.Compression;
using System.Net;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Clients;
using MicroSpa.Web.Features.ClinicExport;
using MicroSpa.Web.Infrastructure.Csv;
using MicroSpa.Web.Tests.Account;
using MicroSpa.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroSpa.Web.Tests.Import;

/// <summary>
/// A file MicroSpa exported imports as it was (decision 056): the clients of the clinic's archive, whose phones and notes
/// SafeCsv defused with a leading quote, imported into a fresh clinic are the same clients, without the quote.
/// </summary>
public sealed class ImportRoundTripTests(WebAppFixture fixture) : WebTest(fixture)
{
    private sealed record Details(string FirstName, string LastName, string? Email, string? Phone, DateOnly? DateOfBirth, string? Notes);

    private static Details Of(Client c) => new(c.FirstName, c.LastName, c.Email, c.Phone, c.DateOfBirth, c.Notes);

    [Fact]
    public async Task Clients_exported_by_MicroSpa_import_into_a_fresh_clinic_as_the_same_clients()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var seeded = new List<Client>
        {
            new("Zoë", "O'Hara", "zoe.ohara@example.com", "+1 212 555 0199", DateTimeOffset.UtcNow),
            new("Ana", "Nunez", "ana@example.com", null, DateTimeOffset.UtcNow),
            new("Bo", "Lind", null, "+44 20 7946 0958", DateTimeOffset.UtcNow),
        };
        seeded[0].UpdateFrontDeskDetails("=HYPERLINK(\"http://evil\") said at the desk", null);
        seeded[0].RecordDateOfBirth(new DateOnly(1990, 4, 12), today);
        seeded[1].UpdateFrontDeskDetails("-5 minutes late, always; 'quoted' on purpose", null);
        seeded[2].UpdateFrontDeskDetails("@home visits only", null);
        await using (var db = Database.CreateContext())
        {
            db.Clients.AddRange(seeded);
            await db.SaveChangesAsync();
        }

        var exported = await ClientsCsvAsync();
        System.Text.Encoding.UTF8.GetString(exported).ShouldContain("'+1 212 555 0199", customMessage: "the export defuses the phone");

        await Database.ResetAsync();
        using var admin = await AccountFlows.SignedInStaffAsync(App, NewSession, Roles.Admin);
        var (_, dryRun) = await ImportFlows.DryRunAsync(admin, exported, source: "MicroSpa export");
        for (var line = 2; line <= 4; line++)
        {
            ImportFlows.Row(dryRun, line).Action.ShouldBe("Create");
        }

        var confirmed = await admin.SubmitAsync(dryRun, ImportFlows.Choices(dryRun));
        confirmed.Status.ShouldBe(HttpStatusCode.Redirect);

        await using (var db = Database.CreateContext())
        {
            var imported = (await db.Clients.AsNoTracking().ToListAsync()).Select(Of).OrderBy(d => d.LastName).ToList();
            imported.ShouldBe(seeded.Select(Of).OrderBy(d => d.LastName).ToList());
        }
    }

    [Theory]
    [InlineData("'=1+1", "=1+1")]
    [InlineData("'+1 212 555 0199", "+1 212 555 0199")]
    [InlineData("'-5", "-5")]
    [InlineData("'@home", "@home")]
    [InlineData("O'Hara", "O'Hara")]
    [InlineData("'quoted'", "'quoted'")]
    [InlineData("'", "'")]
    [InlineData("=1+1", "=1+1")]
    public void Only_the_quote_SafeCsv_puts_before_a_formula_character_is_taken_off(string cell, string read) =>
        ImportFile.Undefused(cell).ShouldBe(read);

    private async Task<byte[]> ClientsCsvAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        using var output = new MemoryStream();
        await scope.ServiceProvider.GetRequiredService<ClinicArchive.Handler>().WriteAsync(output, (_, _) => Task.CompletedTask, CancellationToken.None);
        output.Position = 0;
        using var zip = new ZipArchive(output, ZipArchiveMode.Read);
        var entry = zip.Entries.Single(e => e.FullName.EndsWith("clients.csv", StringComparison.Ordinal));
        await using var stream = entry.Open();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
