using FluentValidation;
using MicroSpa.Data;
using MicroSpa.Data.Identity;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure.Email;
using MicroSpa.Web.Infrastructure.Health;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Serilog;

namespace MicroSpa.Web.Infrastructure;

internal static class ServiceRegistration
{
    public static WebApplicationBuilder AddMicroSpa(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        // A handler whose dependency is not registered fails at start-up, not on the first request that needs it.
        builder.Host.UseDefaultServiceProvider(options =>
        {
            options.ValidateOnBuild = true;
            options.ValidateScopes = true;
        });

        // Each host keeps its own logger (preserveStaticLogger): several hosts in one process (tests,
        // benchmarks) must not write through whichever one set the static Log.Logger last.
        services.AddSerilog(
            (provider, logger) => logger
                .ReadFrom.Configuration(configuration)
                .ReadFrom.Services(provider)
                .Enrich.FromLogContext(),
            preserveStaticLogger: true);

        services.AddSingleton<Serilog.Core.ILogEventEnricher, RequestPathAsTemplate>();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<ClinicOptions>()
            .Bind(configuration.GetSection(ClinicOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Clinic:TimeZone is not a known IANA time zone.")
            .Validate(o => o.HasValidPublicUrl(), ClinicOptions.PublicUrlMessage)
            .Validate(o => o.HasValidCurrency(), ClinicOptions.CurrencyMessage)
            .ValidateOnStart();
        services.AddSingleton<PublicLinks>();
        services.AddOptions<Payments.StripeOptions>()
            .Bind(configuration.GetSection(Payments.StripeOptions.Section))
            .Validate(o => o.HasValidApiBase(), Payments.StripeOptions.ApiBaseMessage)
            .ValidateOnStart();
        // Resolved only where online payments are on (StripeOptions.TakesOnlinePayments): Stripe, or the stand-in at ApiBase.
        services.AddSingleton<Stripe.IStripeClient>(sp => sp.GetRequiredService<IOptions<Payments.StripeOptions>>().Value is { TakesOnlinePayments: true } stripe
            ? new Stripe.StripeClient(stripe.SecretKey, apiBase: string.IsNullOrWhiteSpace(stripe.ApiBase) ? null : stripe.ApiBase.TrimEnd('/'))
            : throw new InvalidOperationException("Online payments are off: Payments:Stripe:SecretKey is not set."));
        if (!builder.Environment.IsDevelopment())
        {
            // Only requests for the public address (and any host listed in AllowedHosts besides "*") are answered.
            services.PostConfigure<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>(options =>
                options.AllowedHosts = AllowedHosts.From(configuration));
        }
        services.AddSingleton(sp => new ClinicTimeZone(sp.GetRequiredService<IOptions<ClinicOptions>>().Value.TimeZone));

        // Read when the first context is made, so configuration added by a test host is seen too.
        services.AddDbContextPool<MicroSpaDbContext>((provider, options) =>
        {
            var connectionString = provider.GetRequiredService<IConfiguration>().GetConnectionString("MicroSpa");
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    "No database configured: set ConnectionStrings__MicroSpa (scripts/run.sh does this for you).");
            }

            options.UseMicroSpaDatabase(connectionString);
            // Every registered interceptor (the outbox signal; tests add fault injection the same way).
            options.AddInterceptors(provider.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>());
        });

        // Reports and exports read from the hot standby when ConnectionStrings:MicroSpaReadOnly names one (docs/scaling.md).
        services.AddSingleton<ReportingDatabase.Standby>();
        services.AddScoped<ReportingDatabase>();

        services.AddIdentity<ApplicationUser, IdentityRole<Guid>>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedEmail = true;
                options.Password.RequiredLength = 8;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Tokens.AuthenticatorTokenProvider = OneTimeAuthenticatorCodes.Name;
            })
            .AddEntityFrameworkStores<MicroSpaDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneTimeAuthenticatorCodes>(OneTimeAuthenticatorCodes.Name)
            .AddSignInManager<AccountSignInManager>();

        // Sessions live in PostgreSQL; the cookie holds only the session's id (decision 022).
        services.AddSingleton<ServerSessions>();
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<ServerSessions>((options, store) => options.SessionStore = store);
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "microspa.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing")
                ? CookieSecurePolicy.SameAsRequest
                : CookieSecurePolicy.Always;
            options.LoginPath = "/account/sign-in";
            options.LogoutPath = "/account/sign-out";
            options.AccessDeniedPath = "/account/access-denied";
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromDays(14);
            StaffSessions.Configure(options);
            SecurityEvents.Configure(options);
        });
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = StaffSessions.StampCheck;

            // Keep "signed in with a second factor" when the periodic check rebuilds the session.
            options.OnRefreshingPrincipal = context =>
            {
                if (context.CurrentPrincipal?.FindFirst("amr") is { } amr && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity
                    && !identity.HasClaim(amr.Type, amr.Value))
                {
                    identity.AddClaim(new System.Security.Claims.Claim(amr.Type, amr.Value));
                }

                return Task.CompletedTask;
            };
        });
        // Keys that sign cookies and antiforgery tokens live in PostgreSQL, so every app instance reads
        // what another issued, and a restart signs no one out.
        // With DataProtection:CertificatePath (a PFX file, and DataProtection:CertificatePassword) the keys are
        // stored encrypted to that certificate, so a copy of the database (a backup) cannot forge a sign-in.
        var keys = services.AddDataProtection().SetApplicationName("MicroSpa").PersistKeysToDbContext<MicroSpaDbContext>();
        if (KeyEncryption.Certificate(configuration) is { } certificate)
        {
            keys.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        services.AddAntiforgery(options => options.Cookie.Name = "microspa.af");

        // Every cookie the app sets (sign-in, antiforgery, messages between pages): never readable by
        // script, never sent cross-site with a form post, only over HTTPS outside development and tests.
        services.Configure<CookiePolicyOptions>(options =>
        {
            options.HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always;
            options.MinimumSameSitePolicy = SameSiteMode.Lax;
            options.Secure = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing")
                ? CookieSecurePolicy.SameAsRequest
                : CookieSecurePolicy.Always;
        });
        services.AddAuthorization(Policies.Configure);
        services.AddSingleton<IAuthorizationHandler, StaffTwoFactor>();
        services.AddSingleton<IAuthorizationHandler, ClientRecordLinked>();
        services.AddScoped<IAuthorizationHandler, RefundPermissionHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, StaffTwoFactorRedirect>();

        var production = builder.Environment.IsProduction();
        services.AddOptions<EmailOptions>()
            .Bind(configuration.GetSection(EmailOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => !production || o.Mode == EmailMode.Smtp, EmailOptions.ProductionMessage)
            .Validate(o => o.Mode != EmailMode.Smtp || !string.IsNullOrWhiteSpace(o.SmtpHost), EmailOptions.SmtpHostMessage)
            .ValidateOnStart();
        services.AddSingleton<PickupFolderEmailSender>();
        services.AddSingleton<SmtpEmailSender>();
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.Mode == EmailMode.Pickup
            ? sp.GetRequiredService<PickupFolderEmailSender>()
            : sp.GetRequiredService<SmtpEmailSender>());

        services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);
        services.AddScoped<ValidationFilter>();
        services.AddScoped<InputRangeFilter>();
        services.AddSingleton<SecurityEvents.AntiforgeryRefusals>();
        services.AddControllersWithViews(options =>
            {
                options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                options.Filters.AddService<InputRangeFilter>();
                options.Filters.AddService<ValidationFilter>();
                options.Filters.AddService<SecurityEvents.AntiforgeryRefusals>();
                options.Filters.AddService<GiftCardCodesToShow>();

                // Decimals read the same whatever the culture ("0,2" and "0.2"), ambiguous ones refused (DecimalInput);
                // a value that cannot be read never shows an internal field name.
                options.ModelBinderProviders.Insert(0, new DecimalModelBinderProvider());
                BindingMessages.Configure(options.ModelBindingMessageProvider);
            })
            .AddRazorOptions(FeatureViewLocations.Configure)
            .AddViewOptions(options => options.HtmlHelperOptions.ClientValidationEnabled = false);
        services.Configure<MvcOptions>(options => options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true);
        services.AddProblemDetails();

        services.AddHealthChecks().AddDbContextCheck<MicroSpaDbContext>("database", tags: [HealthEndpoints.ReadyTag]);
        services.Configure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations)
            {
                registration.Timeout = TimeSpan.FromSeconds(5);
            }
        });

        services.AddHttpContextAccessor();
        services.AddScoped<Features.Shared.AccountEmails>();
        services.AddScoped<Features.Shared.CheckInConsent.Signer>();
        services.AddScoped<Features.Shared.AccountCreator>();
        services.AddScoped<CurrentClient>();
        services.AddScoped<Actor>();
        services.AddScoped<Features.Shared.ProtocolIntervalCheck>();
        services.AddScoped<Features.Shared.BookingChecks>();
        services.AddScoped<Features.Shared.BookingRetry>();
        services.AddScoped<Features.Shared.PaymentCustomers>();
        // The deposit step of online booking: Stripe resolved only when a hold needs it, the hosted page's news from the webhook.
        services.AddScoped<Features.Booking.BookingStripe>();
        services.AddScoped<Features.Booking.HoldEmails>();
        services.AddScoped<Payments.IStripeEventAction, Features.Booking.PaymentEvents>();
        services.AddScoped<Features.Shared.SavedCards>();
        services.AddScoped<Features.Fees.FeeInvoice>();
        services.AddScoped<Payments.IStripeEventAction, Features.Fees.RecordFeeLinkPayment.OnCheckoutCompleted>();
        services.AddScoped<Payments.IStripeEventAction, Features.Fees.RecordFeeLinkPayment.OnPaymentSucceeded>();
        services.AddScoped<Features.Shared.AppointmentEmails>();
        services.AddScoped<Features.Waitlist.WaitlistEmails>();
        services.AddScoped<Features.Shared.ClinicalAudit>();
        services.AddScoped<Features.Shared.TreatmentGates>();
        services.AddScoped<Features.Shared.ScreeningForms>();
        services.AddScoped<Features.Shared.ClearanceVoiding>();
        services.AddScoped<Features.Shared.ArrivalLinks>();
        services.AddScoped<Features.Charts.AftercareEmails>();
        services.AddScoped<Features.Plans.IPhotoStore, Features.Plans.PostgresPhotoStore>();
        services.AddScoped<Features.Products.StockChanges>();
        services.AddScoped<Features.Reminders.OutboxDispatcher>();
        services.AddScoped<Features.Shared.OutboxQueue>();
        services.AddSingleton<Features.Shared.ReceiptPdf>();
        // Stripe's events, each acted on in the webhook's transaction (Infrastructure/Payments/IStripeEventAction).
        services.AddScoped<Payments.IStripeEventAction, Features.Disputes.RecordDispute>();
        // Money (decision 032): the ledger's use cases that must hold under concurrency, and the clinic's currency.
        services.AddScoped<Data.Billing.Ledger>();
        services.AddScoped<Data.Billing.DepositsHeld>();
        services.AddScoped<Data.Billing.Wallet>();
        services.AddScoped<Data.Billing.GiftCards>();
        services.AddScoped<Data.Billing.GiftCardCodesShown>();
        services.AddScoped<GiftCardCodesToShow>();
        services.AddScoped<Features.Shared.StripeRefunds>();
        services.AddScoped<Features.Shared.DepositRefunds>();
        services.AddScoped<Payments.IStripeEventAction, Features.Checkout.RecordRefundAtProvider>();
        services.AddScoped<Payments.IStripeEventAction, Features.GiftCardSales.RecordGiftCardPayment.OnCheckoutCompleted>();
        // Memberships collected by Stripe Billing: the subscription started and its card changed, and Stripe's news of it (decision 062).
        services.AddScoped<Features.Memberships.StripeBilling.StartStripeSubscription>();
        services.AddScoped<Features.Memberships.StripeBilling.ChangeMembershipCard>();
        services.AddScoped<Features.Memberships.StripeBilling.RecordSubscriptionPayment>();
        services.AddScoped<Features.Memberships.StripeBilling.VoidOlderInvoices>();
        services.AddScoped<Payments.IStripeEventAction, Features.Memberships.StripeBilling.MembershipStripeEvents.OnInvoicePaid>();
        services.AddScoped<Payments.IStripeEventAction, Features.Memberships.StripeBilling.MembershipStripeEvents.OnInvoicePaymentFailed>();
        services.AddScoped<Payments.IStripeEventAction, Features.Memberships.StripeBilling.MembershipStripeEvents.OnInvoiceFinalized>();
        services.AddScoped<Payments.IStripeEventAction, Features.Memberships.StripeBilling.MembershipStripeEvents.OnSubscriptionDeleted>();
        services.AddSingleton<ClinicMoney>();
        // Memberships (decision 061): the client's emails at each step, and what Stripe Billing's webhook actions call.
        services.AddScoped<Features.Memberships.MembershipEmails>();
        services.AddScoped<Features.Memberships.MembershipBilling>();
        services.AddSingleton<Features.Shared.OutboxSignal>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<Features.Shared.OutboxSignal>());
        services.AddScoped<Features.Reminders.ReminderScheduler>();
        services.AddScoped<Features.Reminders.Housekeeping>();
        if (configuration.GetValue("Reminders:Worker", true))
        {
            services.AddHostedService<Features.Reminders.ReminderWorker>();
            // Deposits a cancellation in time owes back, whose first refund failed, tried again.
            services.AddHostedService<Features.Shared.DepositRefundWorker>();
        }

        // Package credits past their last day expire; clients are told 14 days before (ExpireCredits). Its own switch (review
        // 13:40, L8): a clinic that stops the reminders still owes the wallet its entries; off in the tests, which run it themselves.
        if (configuration.GetValue("Wallet:Worker", true))
        {
            services.AddHostedService<Features.Packages.CreditExpiryWorker>();
            // Gift cards bought online are emailed on their send date; expired cards are written off (decision 048).
            services.AddHostedService<Features.GiftCardSales.GiftCardWorker>();
            // A series bought online after the day was closed is sold on the next clinic day (issue 19).
            services.AddHostedService<Features.Booking.SeriesSaleWorker>();
            // Desk-collected memberships: each month opened once as owed, older months owed forfeited (decision 061).
            services.AddHostedService<Features.Memberships.MembershipWorker>();
        }

        // Writes the whole clinic's exports (decision 046) on every instance; off in the tests, which run it themselves.
        services.AddSingleton<Features.ClinicExport.ExportSignal>();
        if (configuration.GetValue("ClinicExport:Worker", true))
        {
            services.AddHostedService<Features.ClinicExport.ClinicExportWorker>();
        }

        // Removes import uploads past their day; off in the tests, which run it themselves.
        if (configuration.GetValue("Import:UploadSweeper", true))
        {
            services.AddHostedService<Features.Import.UploadSweepWorker>();
        }

        // Ends the holds of online bookings not paid in time; off in the tests, which run it themselves.
        if (configuration.GetValue("Booking:HoldWorker", true))
        {
            services.AddHostedService<Features.Booking.HoldWorker>();
        }
        services.AddRateLimiter(options => RateLimits.Configure(options, configuration));
        services.AddOutputCache(options => Features.Api.AvailabilityCache.AddPolicy(options, configuration));
        services.AddSingleton<Features.Api.AvailabilityCache>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<Features.Api.AvailabilityCache>());
        services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(options => ForwardedHeaders.Configure(options, configuration));
        services.AddOpenApi(options => options.ShouldInclude = description =>
            description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true);
        services.AddUseCases();
        return builder;
    }

    public static WebApplication UseMicroSpa(this WebApplication app)
    {
        // First: behind a balancer, the client's address and scheme come from X-Forwarded-* (trusted proxies only).
        app.UseForwardedHeaders();
        // One line per request, around everything else (an error page re-executed for a status is the same line).
        app.UseRequestLog();
        app.UseSecurityHeaders();
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
        {
            app.UseHsts();
        }

        app.UseStaticFiles();
        app.UseCookiePolicy();
        app.UseHeadAsGet();
        app.UseRouting();
        app.UseHeadOnlyOnPublicPages();
        app.UseRouteTemplate();
        app.UseNoStore();
        app.UseAuthentication();
        app.Use(ServerSessions.RethrowFailedLookup);
        app.UseAuthorization();
        app.UseSecurityEvents();
        app.UseRateLimiter();
        app.UseOutputCache();
        app.MapMicroSpaHealth();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapControllers();

        // Unknown addresses are a 404 page for everyone, not a sign-in prompt.
        app.MapFallback(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }).AllowAnonymous();
        return app;
    }

    /// <summary>Registers every nested Handler class of the use-case files (one verb-named file per use case).</summary>
    private static void AddUseCases(this IServiceCollection services)
    {
        var handlers = typeof(Program).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsNested: true, Name: "Handler" });
        foreach (var handler in handlers)
        {
            services.AddScoped(handler);
        }
    }
}
