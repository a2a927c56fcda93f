"""Checks docker-compose.yml without a Docker engine: Debian's docker-compose validates it (`config`), then
every image, build, port, volume and environment variable it names is checked against the project, and the load
balancer's configuration (docker/haproxy/haproxy.cfg) against the serving replicas and bin/balancer's own.

Run by bin/test: python3 -m unittest discover -s docker/tests (needs the docker-compose Debian package, and HAProxy,
which `bin/balancer install` installs).
"""
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / "docker" / "env.example"
HAPROXY_CFG = ROOT / "docker" / "haproxy" / "haproxy.cfg"
# where the official haproxy image reads its configuration
HAPROXY_IMAGE_CFG = "/usr/local/etc/haproxy/haproxy.cfg"
REPLICAS = {"serving-1", "serving-2"}
# The services that publish a port on the host: serving (the balancer, public, on every interface) and the two UIs,
# which bind to 127.0.0.1 unless their variable says otherwise.
PUBLIC = {"serving": None, "mlflow": "MLFLOW_UI_BIND", "airflow-apiserver": "AIRFLOW_UI_BIND"}
# A variable whose name says it holds a secret.
SECRET = re.compile(r"PASSWORD|SECRET")

# Where each service's application reads its environment variables (a variable must be named in one of them).
READERS = {
    **{replica: ["serving/src/main/resources/application.yml", "docker/java.Dockerfile"] for replica in REPLICAS},
    "serving": [],   # HAProxy: no environment
    "mlflow": ["bin/services"],
    "mlflow-users": ["docker/mlflow/mlflow-users.py"],
    "postgres": ["docker/postgres/create-databases.sh"],
}
# Variables of the official images themselves (postgres), documented by them, not by this project.
IMAGE_VARIABLES = {"POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD"}
AIRFLOW_SERVICES = {"airflow-init", "airflow-apiserver", "airflow-scheduler", "airflow-dag-processor",
                    "airflow-triggerer"}
DAG_SETTINGS = ROOT / "airflow-dags/dags/movierec_dags/settings.py"
# Airflow's own configuration reference, in the virtual environment of bin/airflow (bin/airflow install)
AIRFLOW_CONFIG = pathlib.Path(os.environ.get("MOVIEREC_HOME", pathlib.Path.home() / ".local/share/movierec")) \
    / "airflow-venv/lib/python3.11/site-packages/airflow/config_templates/config.yml"


def resolved():
    """The compose file as docker-compose resolves it with the documented defaults of docker/env.example."""
    result = subprocess.run(["docker-compose", "--env-file", str(ENV_EXAMPLE), "-f", str(COMPOSE_FILE), "config"],
                            capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        raise AssertionError("docker-compose config refused docker-compose.yml:\n" + result.stderr)
    return yaml.safe_load(result.stdout)


def haproxy_sections(text):
    """The sections of an HAProxy configuration: {"defaults": [lines], "backend replicas": [lines], ...}, each line
    stripped, comments and blank lines left out."""
    sections, current = {}, None
    for line in text.splitlines():
        line = line.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if not line[0].isspace():
            current = line.strip()
            sections[current] = []
        elif current is not None:
            sections[current].append(" ".join(line.split()))
    return sections


def serving_port():
    application_yml = (ROOT / "serving/src/main/resources/application.yml").read_text()
    return int(re.search(r"port: \$\{SERVER_PORT:(\d+)}", application_yml).group(1))


def port_binding(port):
    """(host address or None, host port, container port) of a published port, which docker-compose config writes as
    a mapping or, with a host address, as the short "ADDRESS:PUBLISHED:TARGET" string."""
    if isinstance(port, dict):
        return port.get("host_ip"), port.get("published"), int(port["target"])
    parts = str(port).rsplit(":", 2)
    return (parts[0] if len(parts) == 3 else None), parts[-2] if len(parts) > 1 else None, int(parts[-1].split("/")[0])


def dockerfile_stages(path):
    return set(re.findall(r"^FROM\s+\S+\s+AS\s+(\S+)", path.read_text(), re.M | re.I))


def dockerfile_copy_sources(path):
    """The build-context paths of every COPY without --from."""
    sources = []
    for line in path.read_text().splitlines():
        words = line.split()
        if words and words[0].upper() == "COPY" and not any(w.startswith("--from") for w in words):
            sources += [w for w in words[1:-1] if not w.startswith("--")]
    return sources


class ComposeFileTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.config = resolved()
        cls.services = cls.config["services"]
        cls.raw = COMPOSE_FILE.read_text()

    def test_the_expected_services_with_health_checks(self):
        self.assertTrue({"postgres", "mlflow", "serving"} | REPLICAS | AIRFLOW_SERVICES <= set(self.services))
        for name, service in self.services.items():
            for dependency, how in service.get("depends_on", {}).items():
                self.assertIn(dependency, self.services, f"{name} depends on an unknown service {dependency}")
                if how.get("condition") == "service_healthy":
                    self.assertIn("healthcheck", self.services[dependency],
                                  f"{name} waits for {dependency} to be healthy, which has no health check")

    def test_builds_name_files_and_stages_that_exist(self):
        for name, service in self.services.items():
            if "build" not in service:
                continue
            context = pathlib.Path(service["build"]["context"])
            dockerfile = context / service["build"].get("dockerfile", "Dockerfile")
            self.assertTrue(dockerfile.is_file(), f"{name}: no {dockerfile}")
            if "target" in service["build"]:
                self.assertIn(service["build"]["target"], dockerfile_stages(dockerfile), f"{name}: no such stage")
            for source in dockerfile_copy_sources(dockerfile):
                self.assertTrue(list(context.glob(source)), f"{dockerfile.name} copies {source}, which is missing")

    def test_images_are_pinned(self):
        for name, service in self.services.items():
            image = service.get("image")
            self.assertIsNotNone(image, f"{name} names no image")
            self.assertRegex(image, r":[\w.-]+$", f"{name}: image {image} has no tag")
            self.assertNotRegex(image, r":latest$", f"{name}: image {image} is not pinned")

    def test_ports_are_the_ones_the_applications_listen_on(self):
        balancer_port = int(haproxy_sections(HAPROXY_CFG.read_text())["frontend serving"][0].split(":")[-1])
        self.assertEqual([port_binding(p)[2] for p in self.services["serving"]["ports"]], [balancer_port])
        mlflow_port = int(next(a.split("=")[1] for a in self.services["mlflow"]["command"] if a.startswith("--port=")))
        self.assertEqual([port_binding(p)[2] for p in self.services["mlflow"]["ports"]], [mlflow_port])
        self.assertIn("--app-name=basic-auth", self.services["mlflow"]["command"], "MLflow requires a login")
        for replica in REPLICAS:
            self.assertNotIn("ports", self.services[replica], f"{replica} is reached through the balancer only")
            self.assertEqual([str(p) for p in self.services[replica]["expose"]], [str(serving_port())])
            self.assertIn(f"http://mlflow:{mlflow_port}", self.services[replica]["environment"]["MLFLOW_TRACKING_URI"])

    def test_only_the_public_services_publish_ports_and_the_uis_on_loopback(self):
        publishing = {name for name, service in self.services.items() if service.get("ports")}
        self.assertEqual(publishing, set(PUBLIC), "services reached from the host")
        for name, variable in PUBLIC.items():
            for port in self.services[name]["ports"]:
                if variable is None:
                    continue
                self.assertEqual(port_binding(port)[0], "127.0.0.1", f"{name} publishes {port} beyond this machine")
                self.assertIn("${%s:-127.0.0.1}:" % variable, self.raw, f"{name}: {variable} chooses the address")

    def test_no_password_or_secret_has_a_default(self):
        for variable, operator in re.findall(r"\$\{([A-Z_][A-Z0-9_]*)(:?[-?]|)", self.raw):
            if SECRET.search(variable):
                self.assertEqual(operator, ":?", f"${{{variable}}} must be required (:?), never defaulted")
        for variable, named in re.findall(r"\$\{([A-Z_][A-Z0-9_]*):\?set ([A-Z_0-9]+)", self.raw):
            self.assertEqual(named, variable, "the message names the missing variable")

    def test_a_missing_password_stops_compose_naming_it(self):
        env = {k: v for k, v in os.environ.items() if not k.isupper() or k in ("PATH", "HOME", "LANG")}
        with tempfile.NamedTemporaryFile("w", suffix=".env") as empty:
            example = ENV_EXAMPLE.read_text()
            empty.write(re.sub(r"^POSTGRES_PASSWORD=.*$", "", example, flags=re.M))
            empty.flush()
            result = subprocess.run(["docker-compose", "--env-file", empty.name, "-f", str(COMPOSE_FILE), "config"],
                                    capture_output=True, text=True, cwd=ROOT, env=env)
        self.assertNotEqual(result.returncode, 0, "docker-compose config accepted a missing POSTGRES_PASSWORD")
        self.assertIn("set POSTGRES_PASSWORD in .env", result.stderr)

    def test_volumes_are_declared_or_files_of_the_project(self):
        declared = set(self.config.get("volumes", {}))
        for name, service in self.services.items():
            for volume in service.get("volumes", []):
                source = volume.split(":")[0]   # docker-compose config writes SOURCE:TARGET:MODE
                if source.startswith("/"):
                    self.assertTrue(pathlib.Path(source).exists(), f"{name}: no {source}")
                else:
                    self.assertIn(source, declared, f"{name}: undeclared volume {source}")

    def test_environment_variables_are_read_by_the_application(self):
        for name, readers in READERS.items():
            text = "\n".join((ROOT / reader).read_text() for reader in readers)
            for variable in self.services[name].get("environment", {}):
                if variable not in IMAGE_VARIABLES:
                    self.assertRegex(text, rf"\b{variable}\b", f"{name}: nothing in {readers} reads {variable}")

    def test_airflow_settings_are_airflows_or_the_dags(self):
        self.assertTrue(AIRFLOW_CONFIG.is_file(), f"no {AIRFLOW_CONFIG}: run bin/airflow install first")
        airflow_config = yaml.safe_load(AIRFLOW_CONFIG.read_text())
        sys.path.insert(0, str(DAG_SETTINGS.parents[1]))
        from movierec_dags import settings   # plain Python: no Airflow needed
        known = set(settings.VARIABLES) | {settings.SERVING_CONNECTION}
        for name in AIRFLOW_SERVICES:
            service = self.services[name]
            command = " ".join(service.get("command") or [])
            for variable in service["environment"]:
                if variable.startswith("AIRFLOW__"):
                    section, key = variable[len("AIRFLOW__"):].lower().split("__", 1)
                    self.assertIn(key, airflow_config.get(section, {}).get("options", {}),
                                  f"{name}: {variable} is no option of Airflow's configuration")
                elif variable.startswith(("AIRFLOW_VAR_", "AIRFLOW_CONN_")):
                    self.assertIn(variable.split("_", 2)[2].lower(), known,
                                  f"{name}: the DAGs know no Variable or connection {variable}")
                else:
                    self.assertIn(variable, command, f"{name}: nothing reads {variable}")

    def test_every_setting_is_documented_in_env_example(self):
        documented = set(re.findall(r"^([A-Z_][A-Z0-9_]*)=", ENV_EXAMPLE.read_text(), re.M))
        used = set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*)", self.raw))
        self.assertEqual(used - documented, set(), "variables of docker-compose.yml missing from docker/env.example")
        self.assertEqual(documented - used - {"COMPOSE_PROJECT_NAME"}, set(),
                         "variables of docker/env.example that docker-compose.yml does not use")


class BalancerConfigTest(unittest.TestCase):
    """docker/haproxy/haproxy.cfg: HAProxy accepts it, it balances exactly the serving replicas of the compose file
    with their readiness checks, retries on another replica, and says the same as bin/balancer's configuration."""

    @classmethod
    def setUpClass(cls):
        cls.services = resolved()["services"]
        cls.sections = haproxy_sections(HAPROXY_CFG.read_text())

    def test_haproxy_accepts_the_configuration(self):
        self.assertIsNotNone(shutil.which("haproxy"), "no haproxy: run bin/balancer install")
        result = subprocess.run(["haproxy", "-c", "-f", str(HAPROXY_CFG)], capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_the_balancer_service_runs_haproxy_with_this_file(self):
        balancer = self.services["serving"]
        self.assertRegex(balancer["image"], r"^haproxy:\d+\.\d+\.\d+")
        self.assertIn(f"{HAPROXY_CFG}:{HAPROXY_IMAGE_CFG}:ro", balancer["volumes"])
        self.assertEqual(set(balancer["depends_on"]), REPLICAS)
        monitor = next(line.split()[1] for line in self.sections["frontend serving"] if line.startswith("monitor-uri "))
        self.assertIn(monitor, " ".join(balancer["healthcheck"]["test"]), "the health check asks the monitor URI")

    def test_the_servers_are_the_replicas_with_readiness_checks(self):
        backend = self.sections["backend replicas"]
        servers = {line.split()[1]: line.split()[2] for line in backend if line.startswith("server ")}
        self.assertEqual(servers, {replica: f"{replica}:{serving_port()}" for replica in REPLICAS})
        for replica in REPLICAS:
            self.assertEqual(self.services[replica]["build"]["target"], "serving")
            self.assertNotIn("serving", self.services[replica]["depends_on"])
        self.assertIn("option httpchk GET /actuator/health/readiness", backend)
        self.assertIn("http-check expect status 200", backend)
        application_yml = (ROOT / "serving/src/main/resources/application.yml").read_text()
        self.assertRegex(application_yml, r"probes:\s+enabled: true", "serving answers /actuator/health/readiness")
        volumes = [v.split(":")[0] for replica in REPLICAS for v in self.services[replica].get("volumes", [])]
        self.assertEqual(len(volumes), len(set(volumes)), "each replica keeps its own model cache")

    def test_a_failed_request_goes_to_another_replica(self):
        defaults = self.sections["defaults"]
        retries = next(int(line.split()[1]) for line in defaults if line.startswith("retries "))
        self.assertGreater(retries, 0)
        self.assertTrue(any(line.startswith("option redispatch") for line in defaults))
        retry_on = next(line.split()[1:] for line in defaults if line.startswith("retry-on "))
        self.assertIn("conn-failure", retry_on)
        self.assertIn("http-request disable-l7-retry if !METH_GET", self.sections["frontend serving"])

    def test_bin_balancer_writes_the_same_defaults_checks_and_retries(self):
        result = subprocess.run(["bash", str(ROOT / "bin/balancer"), "config"], capture_output=True, text=True,
                                cwd=ROOT)
        self.assertEqual(result.returncode, 0, result.stderr)
        local = haproxy_sections(result.stdout)
        self.assertEqual(local["defaults"], self.sections["defaults"])
        self.assertEqual(local["frontend serving"][1:], self.sections["frontend serving"][1:])   # all but bind
        self.assertEqual([line for line in local["backend replicas"] if not line.startswith("server ")],
                         [line for line in self.sections["backend replicas"] if not line.startswith("server ")])


if __name__ == "__main__":
    unittest.main()
