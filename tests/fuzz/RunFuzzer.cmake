# Runs one libFuzzer target for a ctest (cmake -P). MODE=fuzz: fuzz a fresh copy of CORPUS in WORK
# for SECONDS; MODE=replay: run every file of CORPUS once. Fails on any crash, leak, timeout or
# broken invariant; the reproducer is written to ARTIFACTS.
cmake_minimum_required(VERSION 3.25)

file(MAKE_DIRECTORY ${ARTIFACTS})
get_filename_component(target ${FUZZER} NAME)
set(common -timeout=10 -rss_limit_mb=2048 -artifact_prefix=${ARTIFACTS}/${target}- -print_final_stats=1)

if(MODE STREQUAL "replay")
    file(GLOB inputs LIST_DIRECTORIES false ${CORPUS}/*)
    if(NOT inputs)
        message(STATUS "${target}: no reproducers in ${CORPUS}")
        return()
    endif()
    execute_process(COMMAND ${FUZZER} ${common} ${inputs} RESULT_VARIABLE rc)
elseif(MODE STREQUAL "fuzz")
    # The fuzzer adds what it finds to its corpus directory: that must be a copy.
    file(REMOVE_RECURSE ${WORK})
    file(MAKE_DIRECTORY ${WORK})
    file(GLOB seeds LIST_DIRECTORIES false ${CORPUS}/*)
    if(seeds)
        file(COPY ${seeds} DESTINATION ${WORK})
    endif()
    set(dict_option)
    if(DICT)
        set(dict_option -dict=${DICT})
    endif()
    execute_process(COMMAND ${FUZZER} ${WORK} ${common} ${dict_option} -max_total_time=${SECONDS}
                    RESULT_VARIABLE rc)
    file(REMOVE_RECURSE ${WORK})
else()
    message(FATAL_ERROR "MODE must be fuzz or replay")
endif()
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${target} failed (${rc}); reproducer in ${ARTIFACTS}")
endif()
