using MicroSpa.Data;
using MicroSpa.Domain.Imports;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroSpa.Web.Features.Import;

/// <summary>
/// The Admin says which of the clinic's services and providers each name of an appointments file means (decision 056),
/// or none (its rows are then not imported, and the dry run says why). Remembered for the source, for its next file.
/// </summary>
public static class MapNames
{
    public sealed class Command
    {
        /// <summary>A service's id (or empty: none) for each service name of the file, in the page's order.</summary>
        public List<string> Services { get; set; } = [];

        /// <summary>A provider's id (or empty: none) for each provider name of the file, in the page's order.</summary>
        public List<string> Providers { get; set; } = [];
    }

    public sealed class Handler(MicroSpaDbContext db, Actor actor, TimeProvider clock, ClinicTimeZone zone, ILogger<Handler> logger)
    {
        /// <returns>Null when there is no such mapped appointments upload of this Admin's (or it expired).</returns>
        public async Task<Outcome?> HandleAsync(Guid uploadId, Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            if (await Uploads.FindAsync(db, uploadId, actor.UserId, now, cancellationToken, ImportKind.Appointments) is not { } upload
                || AppointmentRows.Read(upload, zone) is not { } rows)
            {
                return null;
            }

            var serviceIds = await db.Services.Select(s => s.Id).ToListAsync(cancellationToken);
            var providerIds = await db.Providers.Select(p => p.Id).ToListAsync(cancellationToken);
            var errors = new List<FieldError>();
            var wanted = new List<(ImportNameKind Kind, string Key, string Text, Guid? Target)>();
            void Take(ImportNameKind kind, string field, IEnumerable<string?> inFile, List<string> posted, ICollection<Guid> known)
            {
                var names = NamesPage.Distinct(inFile);
                if (posted.Count != names.Count)
                {
                    errors.Add(new FieldError(string.Empty, "The names of the file changed: look at the page again."));
                    return;
                }

                for (var i = 0; i < names.Count; i++)
                {
                    if (string.IsNullOrEmpty(posted[i]))
                    {
                        wanted.Add((kind, names[i].Key, names[i].Text, null));
                    }
                    else if (Guid.TryParse(posted[i], out var id) && known.Contains(id))
                    {
                        wanted.Add((kind, names[i].Key, names[i].Text, id));
                    }
                    else
                    {
                        errors.Add(new FieldError($"{field}[{i}]", "Choose one from the list."));
                    }
                }
            }

            Take(ImportNameKind.Service, nameof(Command.Services), rows.Select(r => r.ServiceName), command.Services, serviceIds);
            Take(ImportNameKind.Provider, nameof(Command.Providers), rows.Select(r => r.ProviderName), command.Providers, providerIds);
            if (errors.Count > 0)
            {
                return new Outcome(errors);
            }

            var sourceKey = ImportSource.KeyOf(upload.SourceName);
            for (var attempt = 1; ; attempt++)
            {
                var maps = await db.ImportNameMaps.Where(m => m.SourceKey == sourceKey).ToDictionaryAsync(m => (m.Kind, m.NameKey), cancellationToken);
                foreach (var (kind, key, text, target) in wanted)
                {
                    if (maps.TryGetValue((kind, key), out var map))
                    {
                        if (target is { } id)
                        {
                            map.PointTo(id, now);
                        }
                        else
                        {
                            db.ImportNameMaps.Remove(map);
                        }
                    }
                    else if (target is { } id)
                    {
                        db.ImportNameMaps.Add(new ImportNameMap(sourceKey, kind, text, id, now));
                    }
                }

                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    break;
                }
                catch (DbUpdateException e) when (attempt == 1 && e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
                {
                    // Another Admin mapped the same source's names a moment ago: apply these choices over theirs.
                    db.ChangeTracker.Clear();
                }
            }

            logger.LogInformation("Import upload {UploadId}: {Mapped} of {Names} service and provider names mapped", upload.Id,
                wanted.Count(w => w.Target is not null), wanted.Count);
            return Outcome.Success;
        }
    }
}
