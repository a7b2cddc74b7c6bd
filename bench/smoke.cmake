# ctest's bench_smoke: a 200-customer dataset and every benchmark in --quick mode, so the
# benchmarks keep working. It checks that each figure is printed, never how fast anything was.
# Called with -DGENERATE=<fatora-bench-generate> -DBENCH=<fatora-bench> -DWORK_DIR=<dir> -DONLY=<list>
# -DFIGURES=<ids expected in the table>.
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
execute_process(COMMAND "${GENERATE}" --customers 200 --seed 3 --output "${WORK_DIR}/tiny.sqlite"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "fatora-bench-generate failed (${rc}):\n${out}\n${err}")
endif()
execute_process(COMMAND "${BENCH}" --database "${WORK_DIR}/tiny.sqlite" --quick --only "${ONLY}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}")
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "fatora-bench failed (${rc}):\n${err}")
endif()
string(REPLACE "," ";" figures "${FIGURES}")
foreach(id IN LISTS figures)
    string(FIND "${out}" "\n| ${id} " found)
    if(found EQUAL -1)
        message(FATAL_ERROR "figure ${id} is missing from the table")
    endif()
endforeach()
file(REMOVE_RECURSE "${WORK_DIR}")
