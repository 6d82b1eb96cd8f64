using System.Globalization;
using System.Text;
using MicroSpa.Data;
using MicroSpa.Domain.Imports;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.Import;

/// <summary>What importing a row would do, as the dry run tells it.</summary>
public enum RowAction
{
    Create,
    Update,
    Unchanged,
    PossibleDuplicate,
    Skip,
}

/// <summary>
/// The dry run of an upload (decision 044): for every row, what confirming would do, with the reason. Nothing is written.
/// <list type="bullet">
/// <item>Skip: a row the rules refuse (<see cref="ClientRows"/>), or a repeat of an earlier row of the file (same email,
/// same client ID, or same name and date of birth), or an email that another client on file already has.</item>
/// <item>Update: the email of a client on file with the same name; what would change is listed (Unchanged when nothing).
/// A row imported before from this source is Unchanged when it says what it said then (its content hash), and compared
/// with its client only when the file changed it.</item>
/// <item>Possible duplicate: no email in common, but the phone (compared as E.164, <see cref="PhoneKeys"/>) or the name
/// and date of birth of a client on file (the oldest, when several): offered for merge, never silently doubled; or the
/// phone of an earlier row of the file: create as new or skip. The Admin chooses for each (decision 050).</item>
/// <item>Create: anyone else.</item>
/// </list>
/// </summary>
public static class ImportDryRun
{
    public sealed record Finding(
        int Line, RowAction Action, string FirstName, string LastName, string? Email, string? Phone, DateOnly? DateOfBirth, string Detail,
        Guid? ClientId, ClientRows.Row Row);

    public sealed record Result(Guid UploadId, string SourceName, string FileName, bool Mapped, IReadOnlyList<Finding> Findings)
    {
        public int Count(RowAction action) => Findings.Count(f => f.Action == action);
    }

    public static string Label(RowAction action) => action switch
    {
        RowAction.Create => "Create",
        RowAction.Update => "Update",
        RowAction.Unchanged => "Unchanged",
        RowAction.PossibleDuplicate => "Possible duplicate",
        _ => "Skip",
    };

    /// <summary>A row imported before from this source: the client it made or changed (followed through merges), what it said.</summary>
    private sealed record Imported(Guid ClientId, string? ContentHash);

    private sealed record OnFile(Guid Id, string FirstName, string LastName, string? Email, string? Phone, DateOnly? DateOfBirth, string? Notes)
    {
        public string Name => $"{FirstName} {LastName}";
    }

    public sealed class Handler(MicroSpaDbContext db, Actor actor, TimeProvider clock, ClinicTimeZone zone, IOptions<ClinicOptions> clinic)
    {
        /// <returns>Null when there is no such upload of this Admin's (or it expired).</returns>
        public async Task<Result?> HandleAsync(Guid uploadId, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            if (await Uploads.FindAsync(db, uploadId, actor.UserId, now, cancellationToken) is not { } upload)
            {
                return null;
            }

            return await JudgeAsync(upload, now, cancellationToken);
        }

        /// <summary>The dry run of an upload already opened (the confirm judges again, inside its transaction).</summary>
        public async Task<Result> JudgeAsync(ImportUpload upload, DateTimeOffset now, CancellationToken cancellationToken)
        {
            if (ClientRows.Read(upload, now, zone.Today(now)) is not { } rows)
            {
                return new Result(upload.Id, upload.SourceName, upload.FileName, false, []);
            }

            // Oldest first, so the client offered when several match is the same on every read (the confirm checks it is).
            var clients = await db.Clients.AsNoTracking().Where(c => c.MergedIntoId == null).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
                .Select(c => new OnFile(c.Id, c.FirstName, c.LastName, c.Email, c.Phone, c.DateOfBirth, c.Notes)).ToListAsync(cancellationToken);
            var sourceKey = ImportSource.KeyOf(upload.SourceName);
            // A row imported before names the record it made or changed; a record merged since is followed to the one kept (decision 045).
            var imported = await (from r in db.ImportedRows.AsNoTracking()
                                  where r.SourceKey == sourceKey
                                  join c in db.Clients on r.ClientId equals c.Id
                                  select new { r.RowKey, ClientId = c.MergedIntoId ?? r.ClientId, r.ContentHash })
                .ToDictionaryAsync(r => r.RowKey, r => new Imported(r.ClientId, r.ContentHash), cancellationToken);
            return new Result(upload.Id, upload.SourceName, upload.FileName, true,
                Judge(rows, clients, imported, PhoneKeys.RegionOf(clinic.Value.CultureInfo)));
        }
    }

    private static List<Finding> Judge(
        IReadOnlyList<ClientRows.Row> rows, IReadOnlyList<OnFile> clients, IReadOnlyDictionary<string, Imported> imported, string region)
    {
        var byId = clients.ToDictionary(c => c.Id);
        var byEmail = clients.Where(c => c.Email is not null).GroupBy(c => c.Email!.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First());
        var byPhone = clients.Select(c => (Key: PhoneKeys.KeyOf(c.Phone, region), Client: c)).Where(p => p.Key is not null)
            .GroupBy(p => p.Key!).ToDictionary(g => g.Key, g => g.First().Client);
        var byNameAndBirth = clients.Where(c => c.DateOfBirth is not null).GroupBy(c => NameKey(c.FirstName, c.LastName, c.DateOfBirth))
            .ToDictionary(g => g.Key, g => g.First());

        var seenEmail = new Dictionary<string, int>(StringComparer.Ordinal);
        var seenId = new Dictionary<string, int>(StringComparer.Ordinal);
        var seenNameAndBirth = new Dictionary<string, int>(StringComparer.Ordinal);
        var seenRow = new Dictionary<string, int>(StringComparer.Ordinal);
        var seenPhone = new Dictionary<string, int>(StringComparer.Ordinal);
        var findings = new List<Finding>(rows.Count);
        foreach (var row in rows)
        {
            Finding Found(RowAction action, string detail, Guid? clientId = null) =>
                new(row.Line, action, row.FirstName, row.LastName, row.Email, row.Phone, row.DateOfBirth, detail, clientId, row);

            if (row.Problems.Count > 0)
            {
                findings.Add(Found(RowAction.Skip, string.Join(" ", row.Problems)));
                continue;
            }

            var email = row.Email?.ToLowerInvariant();
            var nameAndBirth = row.DateOfBirth is null ? null : NameKey(row.FirstName, row.LastName, row.DateOfBirth);
            if (Earlier(seenRow, row.RowKey, row.Line) is { } sameRow && row.ExternalId is null)
            {
                findings.Add(Found(RowAction.Skip, $"The same row as line {sameRow}."));
                continue;
            }

            if (Earlier(seenEmail, email, row.Line) is { } sameEmail)
            {
                findings.Add(Found(RowAction.Skip, $"The same email as line {sameEmail}."));
                continue;
            }

            if (Earlier(seenId, row.ExternalId, row.Line) is { } sameId)
            {
                findings.Add(Found(RowAction.Skip, $"The same client ID as line {sameId}."));
                continue;
            }

            if (Earlier(seenNameAndBirth, nameAndBirth, row.Line) is { } samePerson)
            {
                findings.Add(Found(RowAction.Skip, $"The same name and date of birth as line {samePerson}."));
                continue;
            }

            var phoneKey = PhoneKeys.KeyOf(row.Phone, region);
            var earlierPhone = phoneKey is null ? null : Earlier(seenPhone, phoneKey, row.Line);
            if (imported.TryGetValue(row.RowKey, out var importedBefore) && byId.TryGetValue(importedBefore.ClientId, out var before))
            {
                // The same row as imported: nothing to change, whatever the desk did to the client since (or a merge made of it).
                findings.Add(importedBefore.ContentHash != row.ContentHash && Changes(row, before, region) is { Count: > 0 } changed
                    ? Found(RowAction.Update, $"Imported before from this source as {before.Name}: the import would change {string.Join(", ", changed)}.", before.Id)
                    : Found(RowAction.Unchanged, $"Imported before from this source as {before.Name}: nothing to change.", before.Id));
                continue;
            }

            if (email is not null && byEmail.TryGetValue(email, out var owner))
            {
                findings.Add(NameKey(owner.FirstName, owner.LastName, null) == NameKey(row.FirstName, row.LastName, null)
                    ? Changes(row, owner, region) is { Count: > 0 } changes
                        ? Found(RowAction.Update, $"{owner.Name} is on file with this email: the import would change {string.Join(", ", changes)}.", owner.Id)
                        : Found(RowAction.Unchanged, $"{owner.Name} is on file with this email and these details.", owner.Id)
                    : Found(RowAction.Skip, $"The email is used by another client on file ({owner.Name})."));
                continue;
            }

            if (phoneKey is { } phone && byPhone.TryGetValue(phone, out var samePhone))
            {
                findings.Add(Found(RowAction.PossibleDuplicate, $"May be {samePhone.Name}, on file with the same phone: offered for merge.", samePhone.Id));
                continue;
            }

            if (nameAndBirth is not null && byNameAndBirth.TryGetValue(nameAndBirth, out var sameBirth))
            {
                findings.Add(Found(RowAction.PossibleDuplicate, $"May be {sameBirth.Name}, on file with the same name and date of birth: offered for merge.", sameBirth.Id));
                continue;
            }

            if (earlierPhone is { } sameLine)
            {
                findings.Add(Found(RowAction.PossibleDuplicate, $"May be the same person as line {sameLine}, with the same phone: create as new, or skip."));
                continue;
            }

            findings.Add(Found(RowAction.Create, "A new client."));
        }

        return findings;
    }

    /// <summary>The line of an earlier row with the same key, else null (and this row's line is remembered for the key).</summary>
    private static int? Earlier(Dictionary<string, int> seen, string? key, int line)
    {
        if (key is null)
        {
            return null;
        }

        if (seen.TryGetValue(key, out var earlier))
        {
            return earlier;
        }

        seen[key] = line;
        return null;
    }

    private static List<string> Changes(ClientRows.Row row, OnFile client, string region)
    {
        var changes = new List<string>();
        if (row.Phone is not null && PhoneKeys.KeyOf(row.Phone, region) != PhoneKeys.KeyOf(client.Phone, region))
        {
            changes.Add("the phone");
        }

        if (row.DateOfBirth is not null && row.DateOfBirth != client.DateOfBirth)
        {
            changes.Add("the date of birth");
        }

        if (row.Notes is not null && row.Notes != client.Notes)
        {
            changes.Add("the notes");
        }

        return changes;
    }

    /// <summary>A person's name as compared: accents, case and spacing aside ("Zoë  Martin" is "zoe martin"); with the date of birth.</summary>
    private static string NameKey(string first, string last, DateOnly? born)
    {
        var builder = new StringBuilder();
        foreach (var c in $"{first} {last}".Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }
            }
            else
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return born is { } date ? $"{builder.ToString().Trim()}|{date:yyyy-MM-dd}" : builder.ToString().Trim();
    }
}
