# Make targets every lab shares; a lab's Makefile is `include ../lib/lab.mk`.
#   make handout SEED=<student id> [LANG=ko|en]   worksheet and starter files, numbers derived from the seed
#   make grade [TEST=name]                         GOOD/BAD/MISSING lines, `Score: X/Y`, results.json
#   make hint [LANG=ko|en]                         the next hint for the first check that does not pass
#   make solve SEED=<n>                            the reference solution (instructors; not in the student bundle)
#   make checks                                    the checks with their points and prerequisites
#   make clean                                     remove the grader's logs and results (never your work)
# WORK=<dir> works in another folder than this one.
LAB_DIR := $(abspath $(dir $(firstword $(MAKEFILE_LIST))))
WORK ?= .
TEST ?=
# LANG is the locale variable too: only ko/en (or ko_KR...) choose the language.
LAB_LANG := $(if $(filter ko%,$(LANG)),ko,en)
LAB := python3 $(LAB_DIR)/lab.py --work $(WORK)

.PHONY: handout grade hint solve checks clean
handout:
	@test -n "$(SEED)" || { echo "usage: make handout SEED=<the number your instructor gave you>" >&2; exit 2; }
	@$(LAB) handout --seed "$(SEED)" --lang $(LAB_LANG)

grade:
	@$(LAB) grade --results results.json $(TEST)

hint:
	@$(LAB) hint --lang $(LAB_LANG)

solve:
	@test -d "$(LAB_DIR)/solution" || { echo "no solution/ here: the student bundle has none" >&2; exit 2; }
	@$(LAB) solve $(if $(SEED),--seed "$(SEED)")

checks:
	@$(LAB) checks

clean:
	rm -rf $(WORK)/results.json $(WORK)/grade-logs $(WORK)/.hints.json
