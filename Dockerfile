# MicroSpa web app. Used by docker-compose.yml; the scripts/ path needs no Docker.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/MicroSpa.Domain/MicroSpa.Domain.csproj src/MicroSpa.Domain/
COPY src/MicroSpa.Data/MicroSpa.Data.csproj src/MicroSpa.Data/
COPY src/MicroSpa.Web/MicroSpa.Web.csproj src/MicroSpa.Web/
RUN dotnet restore src/MicroSpa.Web/MicroSpa.Web.csproj
COPY src/ src/
RUN dotnet publish src/MicroSpa.Web/MicroSpa.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# Production: the app refuses to start without Clinic__PublicUrl and real SMTP settings (Email__Mode=Smtp,
# Email__SmtpHost, ...). No demo clinic unless MICROSPA_DEMO=1 (its passwords and authenticator key are published).
ENV ASPNETCORE_ENVIRONMENT=Production
ENV ASPNETCORE_URLS=http://+:5080
EXPOSE 5080
# Outside Development only requests for the public address's host are answered, so the probe names that host.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 \
    CMD curl -fsS -H "Host: $(echo "$Clinic__PublicUrl" | sed -E 's#^[a-z]+://([^/:]+).*#\1#')" http://localhost:5080/health/ready || exit 1
# Apply migrations, seed the demo clinic only in demo mode (a no-op when already seeded), then serve.
ENTRYPOINT ["sh", "-c", "dotnet MicroSpa.Web.dll migrate && if [ \"$MICROSPA_DEMO\" = 1 ]; then dotnet MicroSpa.Web.dll seed; fi && exec dotnet MicroSpa.Web.dll"]
