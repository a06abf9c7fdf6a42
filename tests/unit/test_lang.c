/* test_lang.c — lib/lang.h (S3): libexttextcat over English, German
 * and Spanish texts; short texts ignored; weighted by length; English fallback. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "lang.h"

static const char EN[] = "Thank you for the demo yesterday. Our team would like to see the reporting "
    "features again next week, and we need a quote for twenty users.";
static const char DE[] = "Vielen Dank für die Vorführung gestern. Unser Team möchte die Berichtsfunktionen "
    "nächste Woche noch einmal sehen, und wir brauchen ein Angebot für zwanzig Benutzer.";
static const char ES[] = "Muchas gracias por la demostración de ayer. Nuestro equipo quiere ver otra vez "
    "las funciones de informes la próxima semana y necesitamos un presupuesto para veinte usuarios.";
static const char FR[] = "Merci beaucoup pour la démonstration d'hier. Notre équipe aimerait revoir les "
    "fonctions de rapport la semaine prochaine et nous avons besoin d'un devis pour vingt utilisateurs.";

static void
one_text_each(void **state)
{
	(void)state;
	assert_string_equal(lang_of(EN, strlen(EN)), "en");
	assert_string_equal(lang_of(DE, strlen(DE)), "de");
	assert_string_equal(lang_of(ES, strlen(ES)), "es");
	assert_string_equal(lang_of(FR, strlen(FR)), "fr");
}

static void
short_texts_are_ignored(void **state)
{
	const char *shorts[] = { "Danke!", "Hola, gracias.", "   Vielen Dank, bis bald.   " };
	const char *mixed[] = { "Danke!", "Hola, gracias.", EN, "Bis morgen, Grüße" };

	(void)state;
	assert_null(lang_of("Danke schön", 11));
	assert_string_equal(lang_detect(shorts, 3), "en");   /* nothing long enough: English */
	assert_string_equal(lang_detect(mixed, 4), "en");
}

static void
weighted_by_length(void **state)
{
	/* two short German notes against one long Spanish email: the Spanish bytes weigh more */
	static char longes[4096];
	const char *texts[3];

	(void)state;
	snprintf(longes, sizeof longes, "%s %s %s", ES, ES, ES);
	texts[0] = DE;
	texts[1] = longes;
	texts[2] = "Kurze Notiz: Angebot ist raus, Rückruf am Montag geplant.";
	assert_string_equal(lang_detect(texts, 3), "es");
	texts[1] = ES;
	texts[2] = DE;
	assert_string_equal(lang_detect(texts, 3), "de");
}

static void
nothing_or_null_is_english(void **state)
{
	const char *none[] = { NULL, "" };

	(void)state;
	assert_string_equal(lang_detect(NULL, 0), "en");
	assert_string_equal(lang_detect(none, 2), "en");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(one_text_each),
		cmocka_unit_test(short_texts_are_ignored),
		cmocka_unit_test(weighted_by_length),
		cmocka_unit_test(nothing_or_null_is_english),
	};

	return cmocka_run_group_tests_name("lang", tests, NULL, NULL);
}
