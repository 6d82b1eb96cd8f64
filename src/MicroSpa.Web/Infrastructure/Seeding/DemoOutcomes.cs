using MicroSpa.Data;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Intake;
using MicroSpa.Domain.Plans;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;

namespace MicroSpa.Web.Infrastructure.Seeding;

/// <summary>
/// A few treatment plans already under way, so the outcome report shows something in the demo: three clients with acne
/// scars on the cheeks over three sessions five weeks apart (the last two weeks ago), and one with stretch marks on the
/// abdomen over two; each session a completed visit with a signed chart, the provider's score and, mostly, the client's
/// own rating. Days outside the two weeks of appointments around today, on weekdays everyone works.
/// </summary>
internal sealed class DemoOutcomes(MicroSpaDbContext db, ClinicTimeZone zone)
{
    private static readonly ChangedBy Seeded = new(null, "Demo data");

    /// <summary>One client's series: the scores, ratings (null: not rated) and depths of each session, oldest first.</summary>
    private sealed record Series(Client Client, Indication Indication, Service Service, BodyArea Area, Provider Provider, Room Room, Device Device,
        TimeOnly At, (int Score, int? Rating, decimal Depth)[] Sessions);

    public void Seed(
        DateTimeOffset now, IReadOnlyList<Client> clients, IReadOnlyList<Service> services, IReadOnlyDictionary<string, BodyArea> areas,
        Provider esthetician, Provider nurse, IReadOnlyList<Room> rooms, Device skinPen, Device dermapen, ConsentForm consent, ScreeningQuestionnaire questions)
    {
        var face = services.Single(s => s.Name == "Microneedling — face");
        var abdomen = services.Single(s => s.Name == "Stretch marks — abdomen");
        Series[] series =
        [
            new(clients[2], Indication.AcneScars, face, areas["Cheeks"], esthetician, rooms[0], skinPen, new(9, 0), [(4, 3, 0.75m), (3, 2, 1.0m), (2, 2, 1.0m)]),
            new(clients[3], Indication.AcneScars, face, areas["Cheeks"], esthetician, rooms[0], skinPen, new(10, 30), [(3, 3, 0.5m), (3, 3, 0.75m), (2, null, 1.0m)]),
            new(clients[4], Indication.AcneScars, face, areas["Cheeks"], esthetician, rooms[0], skinPen, new(12, 0), [(4, 4, 0.75m), (3, 3, 0.75m), (3, 2, 1.0m)]),
            new(clients[5], Indication.StretchMarks, abdomen, areas["Abdomen"], nurse, rooms[2], dermapen, new(14, 0), [(4, 3, 1.5m), (3, 2, 2.0m)]),
        ];
        var today = zone.Today(now);
        var policy = db.BookingPolicies.Local.Single();
        foreach (var s in series)
        {
            var days = Enumerable.Range(0, s.Sessions.Length).Select(i => Weekday(today.AddDays(-14 - (35 * (s.Sessions.Length - 1 - i))))).ToList();
            var plan = TreatmentPlan.Create(s.Client.Id, s.Provider.Id, s.Service.Id, s.Indication, [s.Area.Id], 4, 35, 6, days[0], zone.ToInstant(days[0], s.At)!.Value);
            db.TreatmentPlans.Add(plan);
            for (var i = 0; i < s.Sessions.Length; i++)
            {
                var (score, rating, depth) = s.Sessions[i];
                var start = zone.ToInstant(days[i], s.At) ?? throw new InvalidOperationException("A demo session's time does not exist.");
                var booked = start.AddDays(-10);
                var appointment = Appointment.Book(s.Client, s.Service, s.Provider, s.Room, s.Device, [s.Area], start, BookingSource.FrontDesk, booked, Seeded);
                var screening = Screening.Record(s.Client.Id, questions, questions.Questions.ToDictionary(q => q.Code, _ => false), booked);
                var signature = ConsentSignature.Sign(s.Client, consent, s.Client.FullName, photoConsent: true, booked, "127.0.0.1", "demo seed");
                appointment.RecordCheckInScreening(screening, Seeded);
                appointment.RecordCheckInConsent(signature, Seeded);
                var gate = TreatmentGate.For(appointment, s.Service, screening, signature, signature.FormVersion, screening.QuestionnaireVersion,
                    policy.ScreeningValidDays, [], start, days[i]);
                appointment.CheckIn(start.AddMinutes(-10), Seeded);
                appointment.StartTreatment(gate, start, Seeded);

                var chart = TreatmentRecord.Open(appointment, start);
                var charted = new Dictionary<Guid, BodyArea> { [s.Area.Id] = s.Area };
                var none = new Dictionary<Guid, Product>();
                chart.SaveDraft(new ChartEntry(FitzpatrickType.III, null, [], "Lidocaine 23%", start.AddMinutes(-45), start.AddMinutes(-15), true,
                        s.Device.Id, 12, $"DEMO-{days[i]:yyMMdd}", days[i].AddYears(1), null,
                        [new AreaEntry(s.Area.Id, depth, 4, null, null, ClinicalEndpoint.Both, null, null)]),
                    charted, none, start);
                chart.Sign(gate, BeforePhotos.For(0, false, chart, []), charted, s.Device, none, days[i], s.Provider.UserId ?? Guid.Empty, s.Provider.DisplayName, start.AddMinutes(50));
                appointment.Complete(start.AddMinutes(60), Seeded);

                var progress = ProgressScore.For(chart.Id, s.Client.Id, s.Area.Id, s.Area.Name, ProgressScore.ScaleFor(s.Indication), start.AddMinutes(55));
                progress.ScoreByProvider(score, start.AddMinutes(55));
                if (rating is { } r)
                {
                    progress.RateByClient(r, start.AddDays(7));
                }

                db.Appointments.Add(appointment);
                db.Screenings.Add(screening);
                db.ConsentSignatures.Add(signature);
                db.TreatmentRecords.Add(chart);
                db.PlanSessions.Add(new PlanSession(plan.Id, chart.Id));
                db.ProgressScores.Add(progress);
            }
        }
    }

    /// <summary>The day itself from Tuesday to Friday (the esthetician and the nurse both work), else the Friday before.</summary>
    private static DateOnly Weekday(DateOnly day)
    {
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday or DayOfWeek.Monday)
        {
            day = day.AddDays(-1);
        }

        return day;
    }
}
