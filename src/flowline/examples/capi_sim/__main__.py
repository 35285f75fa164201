from flowline.examples.capi_sim.cli import main

main()
