// view_shim.cc — the one C++ file: an extern "C" shim over ctemplate (view.h).
#include <ctemplate/template.h>
#include <ctemplate/template_emitter.h>

#include <cstdio>
#include <cstring>
#include <string>

extern "C" {
#include "arena.h"
#include "view.h"
}

using ctemplate::TemplateDictionary;

namespace {

// Writes the expansion straight into the request's buffer: no std::string copy.
class BufEmitter : public ctemplate::ExpandEmitter {
	struct buf *out_;
public:
	explicit BufEmitter(struct buf *out) : out_(out) {}
	void Emit(char c) override { buf_putc(out_, c); }
	void Emit(const std::string &s) override { buf_add(out_, s.data(), s.size()); }
	void Emit(const char *s) override { buf_puts(out_, s); }
	void Emit(const char *s, size_t n) override { buf_add(out_, s, n); }
};

TemplateDictionary *D(struct view_dict *d) { return reinterpret_cast<TemplateDictionary *>(d); }
struct view_dict *V(TemplateDictionary *d) { return reinterpret_cast<struct view_dict *>(d); }
const char *nz(const char *s) { return s ? s : ""; }

}  // namespace

extern "C" int
view_init(const char *dir, const char *const *names, char *err, size_t errlen)
{
	static const char pragma[] = "{{%AUTOESCAPE context=\"HTML\"}}";
	ctemplate::TemplateCache *cache = ctemplate::mutable_default_template_cache();

	try {
		if (!cache->SetTemplateRootDirectory(dir)) {
			snprintf(err, errlen, "template directory %s", dir);
			return -1;
		}
		for (; *names != NULL; names++) {
			std::string path = std::string(dir) + "/" + *names;
			FILE *fp = fopen(path.c_str(), "r");
			char head[sizeof pragma] = "";
			if (fp == NULL || fread(head, 1, sizeof pragma - 1, fp) != sizeof pragma - 1 ||
			    memcmp(head, pragma, sizeof pragma - 1) != 0) {
				if (fp)
					fclose(fp);
				snprintf(err, errlen, "%s: missing or does not begin with %s", *names, pragma);
				return -1;
			}
			fclose(fp);
			if (!cache->LoadTemplate(*names, ctemplate::STRIP_BLANK_LINES)) {
				snprintf(err, errlen, "%s: does not parse", *names);
				return -1;
			}
		}
		cache->Freeze();
	} catch (...) {
		snprintf(err, errlen, "templates: out of memory");
		return -1;
	}
	return 0;
}

extern "C" struct view_dict *
view_dict_new(void)
{
	try {
		return V(new TemplateDictionary("page"));
	} catch (...) {
		return nullptr;
	}
}

extern "C" void
view_dict_free(struct view_dict *d)
{
	delete D(d);
}

extern "C" void
view_set(struct view_dict *d, const char *key, const char *val)
{
	D(d)->SetValue(key, nz(val));
}

extern "C" void
view_set_int(struct view_dict *d, const char *key, long long val)
{
	D(d)->SetIntValue(key, (long)val);
}

extern "C" void
view_set_global(struct view_dict *d, const char *key, const char *val)
{
	D(d)->SetTemplateGlobalValue(key, nz(val));
}

extern "C" void
view_show(struct view_dict *d, const char *section)
{
	D(d)->ShowSection(section);
}

extern "C" struct view_dict *
view_section(struct view_dict *d, const char *section)
{
	return V(D(d)->AddSectionDictionary(section));
}

extern "C" struct view_dict *
view_include(struct view_dict *d, const char *name, const char *file)
{
	TemplateDictionary *c = D(d)->AddIncludeDictionary(name);
	c->SetFilename(file);
	return V(c);
}

extern "C" int
view_render(const char *name, struct view_dict *d, struct buf *out)
{
	try {
		BufEmitter em(out);
		if (!ctemplate::ExpandTemplate(name, ctemplate::STRIP_BLANK_LINES, D(d), &em))
			return -1;
	} catch (...) {
		return -1;
	}
	return out->oom ? -1 : 0;
}
