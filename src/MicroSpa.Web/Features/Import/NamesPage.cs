using MicroSpa.Data;
using MicroSpa.Domain.Imports;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Import;

/// <summary>
/// The names of services and providers an appointments file uses (decision 056), each once, with the clinic's service or
/// provider it means: what its source remembers, else the one with the same name, else none (the Admin chooses).
/// </summary>
public static class NamesPage
{
    /// <summary>A name of the file: its position on the page, as written (first spelling), how many rows use it, the choice.</summary>
    public sealed record Name(int Index, string Text, int Rows, Guid? Chosen, bool Remembered);

    public sealed record Choice(Guid Id, string Label);

    public sealed record Result(
        Guid UploadId, string SourceName, string FileName, IReadOnlyList<Name> Services, IReadOnlyList<Name> Providers,
        IReadOnlyList<Choice> ServiceChoices, IReadOnlyList<Choice> ProviderChoices);

    /// <summary>The distinct names of one kind the rows use, in a fixed order (the page's and the post's): key, first spelling, rows.</summary>
    public static List<(string Key, string Text, int Rows)> Distinct(IEnumerable<string?> names) =>
        [.. names.Where(n => n is not null).GroupBy(n => ImportNameMap.KeyOf(n!), StringComparer.Ordinal)
            .Select(g => (g.Key, Text: g.First()!, Rows: g.Count())).OrderBy(n => n.Key, StringComparer.Ordinal)];

    public sealed class Handler(MicroSpaDbContext db, Actor actor, TimeProvider clock, ClinicTimeZone zone)
    {
        /// <returns>Null when there is no such mapped appointments upload of this Admin's (or it expired).</returns>
        public async Task<Result?> HandleAsync(Guid uploadId, MapNames.Command? posted, CancellationToken cancellationToken)
        {
            if (await Uploads.FindAsync(db, uploadId, actor.UserId, clock.GetUtcNow(), cancellationToken, ImportKind.Appointments) is not { } upload
                || AppointmentRows.Read(upload, zone) is not { } rows)
            {
                return null;
            }

            var sourceKey = ImportSource.KeyOf(upload.SourceName);
            var remembered = await db.ImportNameMaps.AsNoTracking().Where(m => m.SourceKey == sourceKey)
                .ToDictionaryAsync(m => (m.Kind, m.NameKey), m => m.TargetId, cancellationToken);
            var services = await db.Services.AsNoTracking().OrderBy(s => s.SortOrder).ThenBy(s => s.Name)
                .Select(s => new { s.Id, s.Name, s.IsActive }).ToListAsync(cancellationToken);
            var providers = await db.Providers.AsNoTracking().OrderBy(p => p.DisplayName)
                .Select(p => new { p.Id, p.DisplayName, p.Bookable }).ToListAsync(cancellationToken);

            List<Name> Names(ImportNameKind kind, IEnumerable<string?> inFile, IReadOnlyDictionary<string, Guid> byName, List<string>? chosen) =>
                [.. Distinct(inFile).Select((n, i) =>
                {
                    var known = remembered.TryGetValue((kind, n.Key), out var target) && byName.Values.Contains(target) ? target : (Guid?)null;
                    Guid? choice = chosen is not null
                        ? i < chosen.Count && Guid.TryParse(chosen[i], out var c) ? c : null
                        : known ?? (byName.TryGetValue(n.Key, out var same) ? same : null);
                    return new Name(i, n.Text, n.Rows, choice, chosen is null && known is not null);
                })];

            var serviceByName = services.GroupBy(s => ImportNameMap.KeyOf(s.Name)).ToDictionary(g => g.Key, g => g.First().Id);
            var providerByName = providers.GroupBy(p => ImportNameMap.KeyOf(p.DisplayName)).ToDictionary(g => g.Key, g => g.First().Id);
            return new Result(upload.Id, upload.SourceName, upload.FileName,
                Names(ImportNameKind.Service, rows.Select(r => r.ServiceName), serviceByName, posted?.Services),
                Names(ImportNameKind.Provider, rows.Select(r => r.ProviderName), providerByName, posted?.Providers),
                [.. services.Select(s => new Choice(s.Id, s.IsActive ? s.Name : $"{s.Name} (no longer offered)"))],
                [.. providers.Select(p => new Choice(p.Id, p.Bookable ? p.DisplayName : $"{p.DisplayName} (takes no appointments)"))]);
        }
    }
}
