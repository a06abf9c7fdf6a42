/* test_search.c — lib/search.h: what a query becomes (L8): the LIKE prefix,
 * the phone digits (start, end, after a country code) and the words, as
 * sql/013_search_words.sql stores them (runs of letters and digits, at most
 * 64 characters; the longest SEARCH_WORDS of a query). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "arena.h"
#include "search.h"

static struct arena a;

static int
setup(void **state)
{
	(void)state;
	arena_init(&a, 1 << 20);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	arena_free(&a);
	return 0;
}

static struct search_terms
terms(const char *q)
{
	struct search_terms t;

	assert_int_equal(search_terms(&a, q, &t), 0);
	return t;
}

static void
words_are_runs_of_letters_and_digits_of_any_length(void **state)
{
	struct search_terms t = terms("Hotels AG");

	(void)state;
	assert_int_equal(t.nwords, 2);
	assert_string_equal(t.words[0], "Hotels%");
	assert_string_equal(t.words[1], "AG%");
	t = terms("ada.xylo@globex.example");
	assert_int_equal(t.nwords, 4);
	assert_string_equal(t.words[0], "example%");
	assert_string_equal(t.words[1], "globex%");
	assert_string_equal(t.words[2], "xylo%");
	assert_string_equal(t.words[3], "ada%");
	assert_string_equal(t.prefix, "ada.xylo@globex.example%");
	t = terms("+* \"");
	assert_int_equal(t.nwords, 0);
}

static void
letters_beyond_ascii_are_word_characters_and_punctuation_is_not(void **state)
{
	/* "Müller–Lüdenscheid" with an en dash, "O’Brien" with a right quote */
	struct search_terms t = terms("M\xc3\xbcller\xe2\x80\x93L\xc3\xbc" "denscheid O\xe2\x80\x99" "Brien");

	(void)state;
	assert_int_equal(t.nwords, 4);
	assert_string_equal(t.words[0], "L\xc3\xbc" "denscheid%");
	assert_string_equal(t.words[1], "M\xc3\xbcller%");
	assert_string_equal(t.words[2], "Brien%");
	assert_string_equal(t.words[3], "O%");
}

static void
of_more_words_the_longest_are_kept_longest_first(void **state)
{
	struct search_terms t = terms("a bb ccc dddd eeeee ff");

	(void)state;
	assert_int_equal(t.nwords, SEARCH_WORDS);
	assert_string_equal(t.words[0], "eeeee%");
	assert_string_equal(t.words[1], "dddd%");
	assert_string_equal(t.words[2], "ccc%");
	assert_string_equal(t.words[3], "bb%");
}

static void
a_word_is_cut_at_64_characters_as_stored(void **state)
{
	char q[3 * 80 + 1], want[2 * 64 + 2];
	struct search_terms t;
	size_t i;

	(void)state;
	for (i = 0; i < 80; i++)
		memcpy(q + 2 * i, "\xc3\xa9", 2);   /* é, two bytes */
	q[160] = '\0';
	memcpy(want, q, 128);
	want[128] = '%';
	want[129] = '\0';
	t = terms(q);
	assert_int_equal(t.nwords, 1);
	assert_string_equal(t.words[0], want);
}

static void
like_characters_are_literal(void **state)
{
	struct search_terms t = terms("50%_off\\");

	(void)state;
	assert_string_equal(t.prefix, "50\\%\\_off\\\\%");
	assert_int_equal(t.nwords, 2);
	assert_string_equal(t.words[0], "off%");
	assert_string_equal(t.words[1], "50%");
}

static void
a_phone_number_gives_its_digits_reversed_and_the_infix(void **state)
{
	struct search_terms t = terms("(217) 555-01");

	(void)state;
	assert_string_equal(t.digits, "21755501%");
	assert_string_equal(t.digits_rev, "10555712%");
	assert_string_equal(t.infix, "#21755501%");
	t = terms("555");
	assert_string_equal(t.digits, "555%");
	assert_string_equal(t.infix, "");
	t = terms("Room 555");
	assert_null(t.digits);
	assert_null(t.digits_rev);
	assert_string_equal(t.infix, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(words_are_runs_of_letters_and_digits_of_any_length),
		cmocka_unit_test(letters_beyond_ascii_are_word_characters_and_punctuation_is_not),
		cmocka_unit_test(of_more_words_the_longest_are_kept_longest_first),
		cmocka_unit_test(a_word_is_cut_at_64_characters_as_stored),
		cmocka_unit_test(like_characters_are_literal),
		cmocka_unit_test(a_phone_number_gives_its_digits_reversed_and_the_infix),
	};

	return cmocka_run_group_tests_name("search", tests, setup, teardown);
}
