/*
 * main.c — the command line, and nothing else: parse arguments into
 * cx_build_opts, run the build, print its diagnostic, exit with its code.
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cxreport/build.h"

static const char usage_text[] =
    "usage: cxreport build SCRIPT [-o OUT.pdf] [--charts DIR] [--data NAME=PATH]... [--param KEY=VALUE]... [limits]\n"
    "       cxreport check SCRIPT [--data NAME=PATH]... [--param KEY=VALUE]... [limits]\n"
    "       cxreport run   SCRIPT [--data NAME=PATH]... [--param KEY=VALUE]... [limits]\n"
    "       cxreport --help | --version\n";

static const char help_text[] =
    "cxreport compiles JSON survey datasets and a Lua report script into a PDF.\n"
    "\n"
    "commands:\n"
    "  build SCRIPT    run the script and write the PDF (atomically)\n"
    "  check SCRIPT    everything a build does except writing the PDF\n"
    "  run SCRIPT      run the script without a PDF; print what it prints and\n"
    "                  its returned value as JSON on standard output\n"
    "\n"
    "options:\n"
    "  -o, --output FILE       the PDF to write (default: SCRIPT's name with .pdf,\n"
    "                          in the current folder)\n"
    "  --charts DIR            build only: also write every chart as DIR/NN-name.png\n"
    "                          (2x) and DIR/NN-name.svg, once the build succeeded\n"
    "  --data NAME=PATH        a dataset (.json, .jsonl, .ndjson, .csv) the script\n"
    "                          reads with dataset \"NAME\"; repeatable\n"
    "  --param KEY=VALUE       a string the script reads as param.KEY; repeatable\n"
    "  --brand DIR             the brand kit to use (DIR/brand.lua and its logo,\n"
    "                          fonts, pictures), over the one the report names\n"
    "  --chart-data appendix|off  end the report with \"Data behind the charts\"\n"
    "                          (each chart's description and numbers; the default)\n"
    "                          or leave it out\n"
    "\n"
    "limits (SIZE: bytes, or with K, M, G: 512M, 2G; each error names its flag):\n"
    "  --max-memory SIZE       the script's memory: Lua heap plus the document it\n"
    "                          builds (default 1G)\n"
    "  --max-steps N           Lua instruction budget (default 1000000000)\n"
    "  --timeout SECONDS       CPU time limit of the script, also inside library\n"
    "                          calls such as pattern matching (default 60)\n"
    "  --max-pages N           pages of the report (default 2000)\n"
    "  --max-output-size SIZE  size of the PDF (default 256M)\n"
    "  --max-rows N            responses per dataset (default 50000000)\n"
    "  --max-line-bytes SIZE   bytes per JSON Lines / CSV line, or per response of\n"
    "                          a .json file (default 64M)\n"
    "  --max-data-memory SIZE  memory of one loaded dataset: columns, dictionaries\n"
    "                          and their strings (default 4G)\n"
    "\n"
    "batches and incremental builds:\n"
    "  --each NAME=FIELD       one report per value of FIELD (or NAME=@FILE: per\n"
    "                          line of FILE), as param.NAME; -o must hold {NAME}\n"
    "  -j N                    worker processes (default: one per core)\n"
    "  --fail-fast             stop at the first failed report\n"
    "  --shard K/N             build the K-th of N slices of the batch\n"
    "  --cache DIR             the cache folder (default .cxreport-cache beside the output)\n"
    "  --no-cache              always build; neither read nor write the cache\n"
    "  --depfile FILE          write a Make-syntax dependency file\n"
    "  --manifest FILE         write a JSON manifest of every output\n"
    "  --diagnostics json      errors and warnings as JSON lines\n"
    "  --werror                warnings fail the report\n"
    "  --verify                build twice and fail if the bytes differ\n"
    "  -q, --quiet             print only errors\n"
    "  -h, --help              this text\n"
    "  --version               the version\n"
    "\n"
    "environment:\n"
    "  SOURCE_DATE_EPOCH       the document date (seconds since 1970, UTC); without\n"
    "                          it the PDF carries no date, so builds are reproducible\n"
    "\n"
    "exit codes:\n"
    "  0  success\n"
    "  1  some builds of a batch failed\n"
    "  2  usage error (bad command line)\n"
    "  3  data error (a dataset or a brand is missing, unreadable or breaks the\n"
    "     contract)\n"
    "  4  script error (Lua error, sandbox violation, resource limit)\n"
    "  5  output error (the PDF could not be written)\n"
    "  6  internal error (out of memory or a bug)\n";

typedef struct args {
    cx_build_opts opts;
    cx_data_arg data[64];
    cx_param params[256];
    char default_output[4096];
} args;

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "cxreport: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n%s", usage_text);
    return CX_EUSAGE;
}

/* "512M" -> bytes; 0 on error. */
static uint64_t parse_size(const char *s)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || s[0] == '-')
        return 0;
    uint64_t mult = 1;
    switch (*end) {
    case '\0': break;
    case 'k': case 'K': mult = 1ull << 10; end++; break;
    case 'm': case 'M': mult = 1ull << 20; end++; break;
    case 'g': case 'G': mult = 1ull << 30; end++; break;
    default: return 0;
    }
    if (*end || v > UINT64_MAX / mult)
        return 0;
    return (uint64_t)v * mult;
}

static int parse_count(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-' || v == 0)
        return 0;
    *out = v;
    return 1;
}

static int split_pair(char *s, const char **key, const char **value)
{
    char *eq = strchr(s, '=');
    if (!eq || eq == s)
        return 0;
    *eq = '\0';
    *key = s;
    *value = eq + 1;
    return 1;
}

/* Returns -1 to go on, or an exit code. */
static int parse_args(int argc, char **argv, args *a)
{
    cx_build_opts *o = &a->opts;
    o->data = a->data;
    o->params = a->params;
    if (argc < 2)
        return usage_error("%s", "missing command"), CX_EUSAGE;
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help")) {
        fputs(usage_text, stdout);
        fputs("\n", stdout);
        fputs(help_text, stdout);
        return CX_OK;
    }
    if (!strcmp(cmd, "--version")) {
        printf("cxreport %s\n", CX_VERSION);
        return CX_OK;
    }
    if (!strcmp(cmd, "build"))
        o->command = CX_CMD_BUILD;
    else if (!strcmp(cmd, "check"))
        o->command = CX_CMD_CHECK;
    else if (!strcmp(cmd, "run"))
        o->command = CX_CMD_RUN;
    else
        return usage_error("unknown command '%s'", cmd);

    for (int i = 2; i < argc; i++) {
        char *arg = argv[i];
        char *value = NULL;
        if (arg[0] != '-' || !arg[1]) {
            if (o->script)
                return usage_error("unexpected argument '%s' (one script per build)", arg);
            o->script = arg;
            continue;
        }
        /* --flag=value or --flag value */
        char flag[64];
        char *eq = strncmp(arg, "--", 2) == 0 ? strchr(arg, '=') : NULL;
        if (eq) {
            snprintf(flag, sizeof flag, "%.*s", (int)(eq - arg), arg);
            value = eq + 1;
        } else {
            snprintf(flag, sizeof flag, "%s", arg);
        }
        /* -j4 is -j 4 */
        if (!strncmp(arg, "-j", 2) && arg[2]) {
            snprintf(flag, sizeof flag, "-j");
            value = arg + 2;
        }
        static const char *const switches[] = {
            "--fail-fast", "--werror", "--verify", "--quiet", "-q", "--no-cache", NULL};
        int is_switch = 0;
        for (int k = 0; switches[k]; k++)
            is_switch |= !strcmp(flag, switches[k]);
        if (is_switch) {
            if (value)
                return usage_error("option '%s' takes no value", flag);
            if (!strcmp(flag, "--fail-fast"))
                o->fail_fast = true;
            else if (!strcmp(flag, "--werror"))
                o->werror = true;
            else if (!strcmp(flag, "--verify"))
                o->verify = true;
            else if (!strcmp(flag, "--no-cache"))
                o->no_cache = true;
            else
                o->quiet = true;
            continue;
        }
        static const char *const with_value[] = {
            "-o", "--output", "--charts", "--data", "--param", "--max-memory", "--max-steps",
            "--timeout", "--max-rows", "--max-line-bytes", "--max-pages", "--max-output-size",
            "--max-data-memory", "--each", "-j", "--jobs", "--shard",
            "--cache", "--depfile", "--manifest", "--diagnostics", "--brand", "--chart-data",
            NULL};
        int needs = 0;
        for (int k = 0; with_value[k]; k++)
            needs |= !strcmp(flag, with_value[k]);
        if (!needs)
            return usage_error("unknown option '%s'", flag);
        if (!value) {
            if (i + 1 >= argc)
                return usage_error("option '%s' needs a value", flag);
            value = argv[++i];
        }
        if (!strcmp(flag, "-o") || !strcmp(flag, "--output")) {
            if (o->command != CX_CMD_BUILD)
                return usage_error("'%s' only goes with build", flag);
            o->output = value;
        } else if (!strcmp(flag, "--charts")) {
            if (o->command != CX_CMD_BUILD)
                return usage_error("'%s' only goes with build", flag);
            if (!value[0])
                return usage_error("%s", "--charts expects a folder");
            o->charts_dir = value;
        } else if (!strcmp(flag, "--data")) {
            if (o->ndata == sizeof a->data / sizeof a->data[0])
                return usage_error("%s", "too many --data options");
            cx_data_arg *d = &a->data[o->ndata];
            if (!split_pair(value, &d->name, &d->path) || !d->path[0])
                return usage_error("--data expects NAME=PATH, got '%s'", value);
            o->ndata++;
        } else if (!strcmp(flag, "--param")) {
            if (o->nparams == sizeof a->params / sizeof a->params[0])
                return usage_error("%s", "too many --param options");
            cx_param *p = &a->params[o->nparams];
            if (!split_pair(value, &p->key, &p->value))
                return usage_error("--param expects KEY=VALUE, got '%s'", value);
            for (size_t k = 0; k < o->nparams; k++)
                if (!strcmp(a->params[k].key, p->key))
                    return usage_error("--param %s is given twice", p->key);
            o->nparams++;
        } else if (!strcmp(flag, "--max-memory")) {
            uint64_t v = parse_size(value);
            if (v < (1u << 20))
                return usage_error("--max-memory expects a size of at least 1M, e.g. 512M, got '%s'", value);
            o->limits.max_memory = (size_t)v;
        } else if (!strcmp(flag, "--max-steps")) {
            if (!parse_count(value, &o->limits.max_steps))
                return usage_error("--max-steps expects a positive whole number, got '%s'", value);
        } else if (!strcmp(flag, "--timeout")) {
            char *end;
            double t = strtod(value, &end);
            if (end == value || *end || !(t > 0) || t > 1e6)
                return usage_error("--timeout expects a number of seconds, got '%s'", value);
            o->limits.timeout = t;
        } else if (!strcmp(flag, "--max-rows")) {
            uint64_t v;
            if (!parse_count(value, &v))
                return usage_error("--max-rows expects a positive whole number, got '%s'", value);
            o->load_limits.max_rows = (size_t)v;
        } else if (!strcmp(flag, "--max-line-bytes")) {
            uint64_t v = parse_size(value);
            if (v == 0 || v > SIZE_MAX)
                return usage_error("--max-line-bytes expects a positive size, e.g. 65536 or 64M, got '%s'",
                                   value);
            o->load_limits.max_line_bytes = (size_t)v;
        } else if (!strcmp(flag, "--max-data-memory")) {
            uint64_t v = parse_size(value);
            if (v < (1u << 20) || v > SIZE_MAX)
                return usage_error("--max-data-memory expects a size of at least 1M, e.g. 4G, got '%s'",
                                   value);
            o->load_limits.max_data_memory = (size_t)v;
        } else if (!strcmp(flag, "--max-pages")) {
            uint64_t v;
            if (!parse_count(value, &v) || v > SIZE_MAX)
                return usage_error("--max-pages expects a positive whole number, got '%s'", value);
            o->max_pages = (size_t)v;
        } else if (!strcmp(flag, "--max-output-size")) {
            uint64_t v = parse_size(value);
            if (v == 0 || v > SIZE_MAX)
                return usage_error("--max-output-size expects a positive size, e.g. 256M, got '%s'",
                                   value);
            o->max_output_size = (size_t)v;
        } else if (!strcmp(flag, "--each")) {
            char *eq2 = strchr(value, '=');
            if (!eq2 || eq2 == value || !eq2[1])
                return usage_error("--each expects NAME=FIELD or NAME=@FILE, got '%s'", value);
            *eq2 = '\0';
            o->each_name = value;
            if (eq2[1] == '@')
                o->each_file = eq2 + 2;
            else
                o->each_field = eq2 + 1;
        } else if (!strcmp(flag, "-j") || !strcmp(flag, "--jobs")) {
            uint64_t v;
            if (!parse_count(value, &v) || v > 1024)
                return usage_error("-j expects a number of workers (1 to 1024), got '%s'", value);
            o->jobs = (int)v;
        } else if (!strcmp(flag, "--shard")) {
            int k = 0, n = 0, used = 0;
            if (sscanf(value, "%d/%d%n", &k, &n, &used) != 2 || value[used] || n < 1 || k < 1 || k > n)
                return usage_error("--shard expects K/N with 1 <= K <= N, got '%s'", value);
            o->shard_k = k;
            o->shard_n = n;
        } else if (!strcmp(flag, "--cache")) {
            o->cache_dir = value;
        } else if (!strcmp(flag, "--depfile")) {
            o->depfile = value;
        } else if (!strcmp(flag, "--manifest")) {
            o->manifest = value;
        } else if (!strcmp(flag, "--diagnostics")) {
            if (!strcmp(value, "json"))
                o->diag_json = true;
            else if (strcmp(value, "text"))
                return usage_error("--diagnostics expects json or text, got '%s'", value);
        } else if (!strcmp(flag, "--brand")) {
            o->brand_dir = value;
        } else if (!strcmp(flag, "--chart-data")) {
            if (strcmp(value, "appendix") && strcmp(value, "off"))
                return usage_error("--chart-data expects appendix or off, got '%s'", value);
            o->chart_data = value;
        }
    }
    if (!o->script)
        return usage_error("%s", "missing the report script");
    if (o->each_name && o->command == CX_CMD_RUN)
        return usage_error("%s", "--each goes with build or check, not run");
    if (o->shard_n && !o->each_name)
        return usage_error("%s", "--shard divides a batch: give --each too");
    if (o->each_name && o->command == CX_CMD_BUILD) {
        char key[80];
        snprintf(key, sizeof key, "{%s}", o->each_name);
        if (!o->output || !strstr(o->output, key)) {
            char msg[256];
            snprintf(msg, sizeof msg, "--each: -o must contain %s, e.g. -o 'out/%s.pdf'", key, key);
            return usage_error("%s", msg);
        }
    }
    if (o->command == CX_CMD_BUILD && !o->output) {
        const char *base = strrchr(o->script, '/');
        base = base ? base + 1 : o->script;
        size_t n = strlen(base);
        if (n > 4 && !strcmp(base + n - 4, ".lua"))
            n -= 4;
        snprintf(a->default_output, sizeof a->default_output, "%.*s.pdf", (int)n, base);
        o->output = a->default_output;
    }
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        errno = 0;
        long long v = strtoll(sde, &end, 10);
        if (errno || *end || v < 0 || v > 253402300799LL)
            return usage_error("SOURCE_DATE_EPOCH must be seconds since 1970, got '%s'", sde);
        o->has_date = true;
        o->date_epoch = v;
    }
    return -1;
}

int main(int argc, char **argv)
{
    /* Past a file-size limit (ulimit -f) a write must fail with EFBIG and
     * be reported, not kill the process halfway through a file. */
    signal(SIGXFSZ, SIG_IGN);
    static args a;
    int rc = parse_args(argc, argv, &a);
    if (rc >= 0)
        return rc;
    return cx_build_main(&a.opts);
}
